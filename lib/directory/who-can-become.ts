import { Environment } from '../model/environment';
import { TrustedMembers } from '../readback/effective-access';
import { DirectorySnapshot } from './directory';
import { directoryIndex } from './directory-index';

/** The part of an environment that turns directory identities into AWS principals. */
export type IdentityMapping = Pick<Environment, 'groups' | 'users' | 'attributeSessionPrincipals'>;

/** A person who can become a principal, and each way they can (`group payments-analysts`). */
export interface Admission {
  readonly person: string;
  /** Sorted: `group <name>`, `user <name>`, `attributes <k>=<v> ...`. */
  readonly via: readonly string[];
}

/** Who can become a principal according to a directory snapshot. */
export interface PrincipalPeople {
  /** Sorted by person. */
  readonly people: readonly Admission[];
  /**
   * Trusted principals no directory group or user maps to (and attribute-rule principals that
   * are not the environment's attribute session principals): people behind them are unknown. Sorted.
   */
  readonly unresolved: readonly string[];
}

/**
 * Which people of the directory can become a principal trusting `members`, in an environment
 * with this identity mapping: members of a mapped group, mapped users, and people whose
 * attributes match an attribute rule on the environment's attribute session principals.
 */
export function whoCanBecome(members: TrustedMembers, directory: DirectorySnapshot, identity: IdentityMapping): PrincipalPeople {
  const trusted = new Set(members.principals);
  const groups = [...identity.groups].filter(([, arn]) => trusted.has(arn)).map(([g]) => g);
  const users = [...identity.users].filter(([, arn]) => trusted.has(arn)).map(([u]) => u);
  const mapped = new Set([...identity.groups.values(), ...identity.users.values()]);
  const sessionPrincipals = new Set(identity.attributeSessionPrincipals);
  const rules = members.attributeRules.filter((r) => r.principals.some((p) => sessionPrincipals.has(p)));
  const unresolved = new Set([
    ...members.principals.filter((p) => !mapped.has(p)),
    ...members.attributeRules.flatMap((r) => r.principals.filter((p) => !sessionPrincipals.has(p))),
  ]);

  const index = directoryIndex(directory);
  const via = new Map<string, string[]>();
  const admit = (person: string, way: string) => {
    const ways = via.get(person);
    if (ways === undefined) via.set(person, [way]);
    else if (!ways.includes(way)) ways.push(way);
  };
  for (const g of groups) for (const p of index.members(g)) admit(p.name, `group ${g}`);
  for (const u of users) if (index.person(u) !== undefined) admit(u, `user ${u}`);
  for (const r of rules) {
    const way = `attributes ${describeAttributeRule(r.attributes)}`;
    for (const p of index.matching(r.attributes)) admit(p.name, way);
  }
  const people = [...via.keys()].sort(byName).map((person) => ({ person, via: via.get(person)!.sort() }));
  return { people, unresolved: [...unresolved].sort() };
}

/** Plain code-point order, as the snapshot sorts people. */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** An attribute rule on one line: `country=FR|US department=finance` (keys and values sorted). */
export function describeAttributeRule(rule: Readonly<Record<string, readonly string[]>>): string {
  return Object.keys(rule)
    .sort()
    .map((k) => `${k}=${[...rule[k]].sort().join('|')}`)
    .join(' ');
}

import { Environment } from '../model/environment';
import { SessionRule, TrustedMembers } from '../readback/effective-access';
import { describeRuleTests, ruleTestsHold } from '../readback/tag-tests';
import { DirectoryPerson, DirectorySnapshot } from './directory';
import { directoryIndex } from './directory-index';
import { sessionTagsOf } from './session-tags';

/**
 * The part of an environment that turns directory identities into AWS principals, and how
 * people's attributes travel as session tags.
 */
export type IdentityMapping = Pick<Environment, 'groups' | 'users' | 'attributeSessionPrincipals'> & {
  /**
   * Attributes declared `multiValued` in the mesh: their session tag holds every value between
   * colons (`:FR:US:`).
   * @default - none: every attribute's session tag holds its one value
   */
  readonly multiValuedAttributes?: readonly string[];
};

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
 * with this identity mapping: members of a mapped group, mapped users, and people admitted by an
 * attribute rule. A person holds a session of every attribute session principal, of the
 * principal of each of their groups and of their user, all carrying their attributes as
 * session tags; an attribute rule admits them when one of those sessions is among its principals
 * and their tags pass its tests. An attribute session principal trusted without condition
 * admits everyone (a condition every person meets compiles to that).
 */
export function whoCanBecome(members: TrustedMembers, directory: DirectorySnapshot, identity: IdentityMapping): PrincipalPeople {
  const trusted = new Set(members.principals);
  const groups = [...identity.groups].filter(([, arn]) => trusted.has(arn)).map(([g]) => g);
  const users = [...identity.users].filter(([, arn]) => trusted.has(arn)).map(([u]) => u);
  const mapped = new Set([...identity.groups.values(), ...identity.users.values()]);
  const sessionPrincipals = new Set(identity.attributeSessionPrincipals);
  const resolvable = (p: string) => sessionPrincipals.has(p) || mapped.has(p);
  const rules = members.attributeRules.filter((r) => r.principals.some(resolvable));
  const unresolved = new Set([
    ...members.principals.filter((p) => !resolvable(p)),
    ...members.attributeRules.flatMap((r) => r.principals.filter((p) => !resolvable(p))),
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
  if (members.principals.some((p) => sessionPrincipals.has(p))) for (const p of directory.people) admit(p.name, 'any attribute session');
  const multiValued = new Set(identity.multiValuedAttributes ?? []);
  for (const r of rules) {
    const way = `attributes ${describeRuleTests(r)}`;
    for (const p of candidates(r, directory, index)) {
      if (!holdsSessionOf(p, r, identity, sessionPrincipals)) continue;
      const tags = sessionTagsOf(p, (a) => multiValued.has(a));
      if (ruleTestsHold(r, (key) => tags.get(key))) admit(p.name, way);
    }
  }
  const people = [...via.keys()].sort(byName).map((person) => ({ person, via: via.get(person)!.sort() }));
  return { people, unresolved: [...unresolved].sort() };
}

/**
 * Whom a rule may admit: looked up by its `StringEquals` values when it has some (a person
 * holding none of them has no such tag), else everyone (whether they hold one of its sessions is
 * checked next).
 */
function candidates(rule: SessionRule, directory: DirectorySnapshot, index: ReturnType<typeof directoryIndex>): readonly DirectoryPerson[] {
  return Object.keys(rule.attributes).length > 0 ? index.matching(rule.attributes) : directory.people;
}

/** True when the person holds a session of one of the rule's principals. */
function holdsSessionOf(
  person: DirectoryPerson,
  rule: SessionRule,
  identity: IdentityMapping,
  sessionPrincipals: ReadonlySet<string>,
): boolean {
  return rule.principals.some(
    (arn) =>
      sessionPrincipals.has(arn) || identity.users.get(person.name) === arn || person.groups.some((g) => identity.groups.get(g) === arn),
  );
}

/** Plain code-point order, as the snapshot sorts people. */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** An attribute rule on one line: `country=FR|US department=finance` (keys and values sorted). */
export function describeAttributeRule(rule: Readonly<Record<string, readonly string[]>>): string {
  return describeRuleTests({ attributes: rule });
}

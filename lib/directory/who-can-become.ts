import { Environment } from '../model/environment';
import { SessionRule, TrustedMembers } from '../readback/effective-access';
import { describeRuleTests, ruleTestsHold } from '../readback/tag-tests';
import { DirectoryPerson, DirectorySnapshot } from './directory';
import { ANY_SESSION, peopleBySignature, ruleTagKeys } from './people-by-signature';
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

/** A principal's trust read in directory terms: the groups, users and attribute rules that admit people. */
export interface DirectoryTrust {
  /** Mapped groups the principal trusts. */
  readonly groups: readonly string[];
  /** Mapped users the principal trusts. */
  readonly users: readonly string[];
  /** Attribute rules with at least one principal a person can hold a session of, each with its `via`. */
  readonly rules: readonly { readonly rule: SessionRule; readonly way: string }[];
  /**
   * Whether an attribute session principal is trusted without condition: every person holds such
   * a session, so everyone is admitted (a condition every person meets compiles to that).
   */
  readonly anySession: boolean;
  /** See {@link PrincipalPeople.unresolved}. Sorted. */
  readonly unresolved: readonly string[];
}

/** How a principal trusting `members` admits people of a directory mapped by `identity`. */
export function readTrust(members: TrustedMembers, identity: IdentityMapping): DirectoryTrust {
  const trusted = new Set(members.principals);
  const groups = [...identity.groups].filter(([, arn]) => trusted.has(arn)).map(([g]) => g);
  const users = [...identity.users].filter(([, arn]) => trusted.has(arn)).map(([u]) => u);
  const mapped = new Set([...identity.groups.values(), ...identity.users.values()]);
  const sessionPrincipals = new Set(identity.attributeSessionPrincipals);
  const resolvable = (p: string) => sessionPrincipals.has(p) || mapped.has(p);
  const rules = members.attributeRules
    .filter((r) => r.principals.some(resolvable))
    .map((rule) => ({ rule, way: `attributes ${describeRuleTests(rule)}` }));
  const unresolved = new Set([
    ...members.principals.filter((p) => !resolvable(p)),
    ...members.attributeRules.flatMap((r) => r.principals.filter((p) => !resolvable(p))),
  ]);
  const anySession = members.principals.some((p) => sessionPrincipals.has(p));
  return { groups, users, rules, anySession, unresolved: [...unresolved].sort() };
}

/**
 * Which people of the directory can become a principal trusting `members`, in an environment
 * with this identity mapping: members of a mapped group, mapped users, and people admitted by an
 * attribute rule. A person holds a session of every attribute session principal, of the
 * principal of each of their groups and of their user, all carrying their attributes as
 * session tags; an attribute rule admits them when one of those sessions is among its principals
 * and their tags pass its tests. An attribute session principal trusted without condition
 * admits everyone.
 *
 * Evaluated once per signature (what the identity mapping and the rules can tell apart), not per
 * person: see {@link peopleBySignature}; {@link waysIn} is the same question for one person.
 */
export function whoCanBecome(members: TrustedMembers, directory: DirectorySnapshot, identity: IdentityMapping): PrincipalPeople {
  const trust = readTrust(members, identity);
  const signatures = peopleBySignature(directory, identity, ruleTagKeys(trust.rules.map((r) => r.rule)));
  const people: Admission[] = [];
  for (const [signature, via] of signatures.admitted(trust))
    for (const person of signatures.people(signature)) people.push({ person, via });
  return { people: people.sort((a, b) => byName(a.person, b.person)), unresolved: trust.unresolved };
}

/**
 * The ways one person can become a principal of this trust (sorted; empty when there is none):
 * the per-person evaluation, for one user's access and as the oracle of the grouped one.
 */
export function waysIn(person: DirectoryPerson, trust: DirectoryTrust, identity: IdentityMapping): string[] {
  const ways: string[] = [];
  for (const g of trust.groups) if (person.groups.includes(g)) ways.push(`group ${g}`);
  for (const u of trust.users) if (u === person.name) ways.push(`user ${u}`);
  if (trust.anySession) ways.push(ANY_SESSION);
  if (trust.rules.length > 0) {
    const multiValued = new Set(identity.multiValuedAttributes ?? []);
    const tags = sessionTagsOf(person, (a) => multiValued.has(a));
    const sessionPrincipals = new Set(identity.attributeSessionPrincipals);
    const holds = (arn: string) =>
      sessionPrincipals.has(arn) || identity.users.get(person.name) === arn || person.groups.some((g) => identity.groups.get(g) === arn);
    for (const { rule, way } of trust.rules)
      if (!ways.includes(way) && rule.principals.some(holds) && ruleTestsHold(rule, (key) => tags.get(key))) ways.push(way);
  }
  return ways.sort();
}

/** Plain code-point order, as the snapshot sorts people. */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** An attribute rule on one line: `country=FR|US department=finance` (keys and values sorted). */
export function describeAttributeRule(rule: Readonly<Record<string, readonly string[]>>): string {
  return describeRuleTests({ attributes: rule });
}

import { TrustedMembers } from '../readback/effective-access';
import { describeRuleTests, ruleTestsHold } from '../readback/tag-tests';
import { DirectoryPerson, DirectorySnapshot } from './directory';
import { DirectoryTrust, IdentityMapping, readTrust } from './directory-trust';
import { ANY_SESSION, peopleBySignature, ruleTagKeys } from './people-by-signature';
import { sessionTagsOf } from './session-tags';

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

import { SessionRule, TrustedMembers } from '../readback/effective-access';
import { Environment } from '../model/environment';
import { describeRuleTests } from '../readback/tag-tests';

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

import type { Attribute } from '../abac/attributes';
import type { Condition } from '../abac/condition';
import type { Environment } from '../model/environment';
import { PolicyPrincipal, describePrincipal } from '../plan/policy-principal';
import { guardsTagValue } from './guards-tag';
import { AttributeEncoding, TrustCompilation, conditionTrust } from './condition-trust';
import { accountRoot } from './environment';

/** The IAM tags that name what a principal of global policies is (readback and people read them). */
export const POLICY_ROLE_TAGS = {
  environment: 'Environment',
  /** Names of the policies that shaped the principal, sorted, space-separated. */
  policy: 'Policy',
  /** A row policy's segment: `attribute=value` pairs sorted by attribute, space-separated. */
  segment: 'Segment',
  /** The product role (`<product>/<role>`) or purpose (`purpose:<name>`) whose way in it guards or segments. */
  guards: 'Guards',
} as const;

/** `country=FR department=Finance`: values used in segments hold no space and no `=` (checked by the model). */
export function segmentTag(segment: Readonly<Record<string, string>>): string {
  return Object.keys(segment)
    .sort()
    .map((a) => `${a}=${segment[a]}`)
    .join(' ');
}

/**
 * The trust statements of a principal of global policies in `env`: its condition AND, for a
 * segment, each segment value held exactly (a hierarchical value is matched as written, not with
 * the values below it, since the filter compares it as written), admitted only through the
 * environment's declared session principals and mapped groups and users.
 */
export function policyPrincipalTrust(principal: PolicyPrincipal, attributes: readonly Attribute[], env: Environment): TrustCompilation {
  const segment = principal.segment ?? {};
  const byName = new Map(attributes.map((a) => [a.name, a]));
  if ((attributesIn(principal.condition).size > 0 || Object.keys(segment).length > 0) && env.attributeSessionPrincipals.length === 0) {
    return {
      refused: `environment ${env.name} declares no \`identity.attributeSessionPrincipals\`: no session carries the attributes the condition compares`,
    };
  }
  const encodingOf = (name: string): AttributeEncoding => {
    const a = byName.get(name);
    return { hierarchical: a?.hierarchical ?? false, multiValued: a?.multiValued ?? false };
  };
  return conditionTrust(
    principal.condition,
    encodingOf,
    { sessions: env.attributeSessionPrincipals, group: (g) => env.groups.get(g), user: (u) => env.users.get(u) },
    principal.tableTags,
    segment,
  );
}

/**
 * The IAM role of a principal of global policies as deployed: its trust policy document (a Deny
 * of the account root when nobody meets the condition, so that the document stays valid) and its
 * tags. Throws when the trust cannot be enforced: the `aws/policy-trust-enforceable` rule refuses
 * those at validation, so this guards the API.
 */
export function policyRole(
  principal: PolicyPrincipal,
  attributes: readonly Attribute[],
  env: Environment,
): { readonly trustPolicy: object; readonly tags: Record<string, string> } {
  const trust = policyPrincipalTrust(principal, attributes, env);
  if ('refused' in trust) throw new Error(`${principal.id} (${describePrincipal(principal)}) cannot be enforced: ${trust.refused}`);
  const statements =
    trust.statements.length > 0
      ? trust.statements
      : [{ Sid: 'NobodyMeetsTheCondition', Effect: 'Deny', Principal: { AWS: accountRoot(env.account) }, Action: 'sts:AssumeRole' }];
  return {
    trustPolicy: { Version: '2012-10-17', Statement: statements },
    tags: {
      [POLICY_ROLE_TAGS.environment]: env.name,
      [POLICY_ROLE_TAGS.policy]: principal.policies.join(' '),
      ...(principal.segment ? { [POLICY_ROLE_TAGS.segment]: segmentTag(principal.segment) } : {}),
      ...(principal.guards ? { [POLICY_ROLE_TAGS.guards]: guardsTagValue(principal.guards) } : {}),
    },
  };
}

function attributesIn(c: Condition): Set<string> {
  switch (c.kind) {
    case 'attribute':
    case 'tag-matches-attribute':
      return new Set([c.attribute]);
    case 'not':
      return attributesIn(c.condition);
    case 'all':
    case 'any':
      return new Set(c.conditions.flatMap((x) => [...attributesIn(x)]));
    default:
      return new Set();
  }
}

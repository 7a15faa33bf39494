import type { Attribute } from '../abac/attributes';
import type { Condition } from '../abac/condition';
import type { Environment } from '../model/environment';
import type { PolicyPrincipal } from '../plan/policy-principal';
import { AttributeEncoding, TrustCompilation, conditionTrust } from './condition-trust';

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

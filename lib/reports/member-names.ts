import { IdentityMapping } from '../directory/directory-trust';
import { TrustedMembers } from '../readback/effective-access';
import { describeRuleTests } from '../readback/tag-tests';
import { AccessDiff } from './access-diff';

/**
 * The directory identities each principal ARN of an environment stands for (`group fraud-analysts`,
 * `user jane.doe`), sorted; an ARN several of them map to has them all.
 */
function identityNames(identity: IdentityMapping | undefined): ReadonlyMap<string, readonly string[]> {
  const names = new Map<string, string[]>();
  for (const [kind, mapping] of [
    ['group', identity?.groups],
    ['user', identity?.users],
  ] as const) {
    for (const [name, arn] of mapping ?? []) names.set(arn, [...(names.get(arn) ?? []), `${kind} ${name}`]);
  }
  for (const list of names.values()) list.sort();
  return names;
}

/** ARNs named as the identities they map to; ARNs that map to nothing stay as they are. Sorted, without repeats. */
function named(arns: readonly string[], names: ReadonlyMap<string, readonly string[]>): string[] {
  return [...new Set(arns.flatMap((x) => names.get(x) ?? [x]))].sort();
}

/**
 * The diff with trusted member ARNs named as the directory identities they map to in their
 * environment (`group fraud-analysts`), so that reviewers read names instead of ARNs. ARNs that
 * map to nothing stay as they are.
 */
export function nameMembers(diff: AccessDiff, identities: ReadonlyMap<string, IdentityMapping>): AccessDiff {
  const members = diff.members.map((m) => {
    const names = identityNames(identities.get(m.environment));
    return { ...m, members: { gained: named(m.members.gained, names), lost: named(m.members.lost, names) } };
  });
  return { ...diff, members };
}

/**
 * Who a principal's trust policy admits, in words: `group payments-analysts`, `user jane.doe`,
 * `attributes country=FR|US department=finance` (an attribute rule on the sessions of the
 * environment's attribute session principals; on other sessions it says whose:
 * `attributes department=finance (sessions of group staff)`). Without an identity mapping (no
 * mesh at hand), or for an ARN it does not map, the ARN itself. Sorted.
 */
export function describeMembers(members: TrustedMembers, identity: IdentityMapping | undefined): string[] {
  const names = identityNames(identity);
  const sessionPrincipals = new Set(identity?.attributeSessionPrincipals ?? []);
  const rules = members.attributeRules.map((r) => {
    const others = r.principals.filter((p) => !sessionPrincipals.has(p));
    const whose = others.length > 0 ? ` (sessions of ${named(others, names).join(', ')})` : '';
    return `attributes ${describeRuleTests(r)}${whose}`;
  });
  return [...new Set([...named(members.principals, names), ...rules])].sort();
}

import type { Attribute } from '../abac/attributes';
import { Environment, Members, isEmpty } from '../model';
import { patternsWithin, sessionTagKey } from './condition-trust';
import { accountRoot } from './environment';

/**
 * The trust policy of a role whose members are `members` in `env`: directory groups and users
 * through their mapped principals, attribute rules as `aws:PrincipalTag` conditions on the
 * sessions that carry directory attributes. Never a wildcard principal.
 *
 * An attribute rule on an attribute the mesh declares hierarchical or multi-valued means what a
 * global policy's condition on it means (docs/decisions.md, "Member rules follow the declared
 * attribute"): `StringLike` on the session tag's encoding (`Finance`, `Finance.*`; `*:FR:*`),
 * never `StringEquals`, which would admit nobody holding several values or a value below.
 *
 * A role without members trusts nobody: an explicit Deny of the account root keeps the policy
 * valid while admitting no one (platform engineers create roles empty, owners fill them).
 * @param attributes the mesh's declared attributes (how each travels in a session tag)
 */
export function trustPolicy(members: Members, env: Environment, attributes: readonly Attribute[] = []): object {
  const statements: object[] = [];
  const named = [
    ...members.groups.map((g) => principalOf(env.groups, g, 'group', env)),
    ...members.users.map((u) => principalOf(env.users, u, 'user', env)),
  ];
  if (named.length > 0) {
    statements.push({
      Sid: 'DirectoryMembers',
      Effect: 'Allow',
      Principal: { AWS: [...new Set(named)].sort() },
      Action: 'sts:AssumeRole',
    });
  }
  members.attributes.forEach((rule, i) => {
    const equals: Record<string, string | readonly string[]> = {};
    const like: Record<string, readonly string[]> = {};
    for (const key of Object.keys(rule).sort()) {
      const declared = attributes.find((a) => a.name === key);
      if (declared !== undefined && (declared.hierarchical || declared.multiValued)) {
        const values = rule[key];
        like[sessionTagKey(key)] = patternsWithin(typeof values === 'string' ? [values] : values, declared);
      } else equals[sessionTagKey(key)] = rule[key];
    }
    statements.push({
      Sid: `AttributeRule${i + 1}`,
      Effect: 'Allow',
      Principal: { AWS: [...env.attributeSessionPrincipals] },
      Action: 'sts:AssumeRole',
      Condition: {
        ...(Object.keys(equals).length > 0 ? { StringEquals: equals } : {}),
        ...(Object.keys(like).length > 0 ? { StringLike: like } : {}),
      },
    });
  });
  if (isEmpty(members)) {
    statements.push({
      Sid: 'NoMembersYet',
      Effect: 'Deny',
      Principal: { AWS: accountRoot(env.account) },
      Action: 'sts:AssumeRole',
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

function principalOf(map: ReadonlyMap<string, string>, name: string, kind: string, env: Environment): string {
  const arn = map.get(name);
  // The model checks every member is mapped in every environment it reaches; this is a bug guard.
  if (arn === undefined) throw new Error(`${kind} ${name} has no principal in environment ${env.name}`);
  return arn;
}

import { Environment, Members, isEmpty } from '../model';
import { accountRoot } from './environment';

/**
 * The trust policy of a role whose members are `members` in `env`: directory groups and users
 * through their mapped principals, attribute rules as `aws:PrincipalTag` conditions on the
 * sessions that carry directory attributes. Never a wildcard principal.
 *
 * A role without members trusts nobody: an explicit Deny of the account root keeps the policy
 * valid while admitting no one (platform engineers create roles empty, owners fill them).
 */
export function trustPolicy(members: Members, env: Environment): object {
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
    for (const key of Object.keys(rule).sort()) equals[`aws:PrincipalTag/${key}`] = rule[key];
    statements.push({
      Sid: `AttributeRule${i + 1}`,
      Effect: 'Allow',
      Principal: { AWS: [...env.attributeSessionPrincipals] },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: equals },
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

import type { PolicyRule, Violation } from '../../rule';

const ACCOUNT_ROOT = /^arn:aws[a-z-]*:iam::(\d{12}):root$/;

/**
 * Wildcards in names are rejected by the model; an account root is the wildcard that remains:
 * trusting `arn:aws:iam::<account>:root` admits every principal of that account.
 */
export const noWildcardPrincipal: PolicyRule = {
  id: 'security/no-wildcard-principal',
  severity: 'error',
  description: 'No directory group or user maps to a whole account (`arn:aws:iam::<account>:root`).',
  rationale:
    'Role trust policies admit the principals that members map to. An account root as principal lets any role or user of that account that is allowed `sts:AssumeRole` become the member: a wildcard principal in disguise. (Literal `*` in names and ARNs is already rejected by the model; attribute rules legitimately use session principals with tag conditions.)',
  *check({ mesh }): Iterable<Violation> {
    for (const [i, env] of mesh.environments.entries()) {
      for (const [kind, map] of [
        ['groups', env.groups],
        ['users', env.users],
      ] as const) {
        for (const [name, arn] of map) {
          const root = ACCOUNT_ROOT.exec(arn);
          if (root === null) continue;
          yield {
            path: ['environments', i, 'identity', kind, name],
            message: `environment ${env.name}: ${kind.slice(0, -1)} \`${name}\` maps to \`${arn}\`, which admits every principal of account ${root[1]}`,
            fix: `map it to the role of its permission set or its IAM role, e.g. \`arn:aws:iam::${root[1]}:role/aws-reserved/sso.amazonaws.com/<region>/AWSReservedSSO_<set>_<id>\``,
          };
        }
      }
    }
  },
};

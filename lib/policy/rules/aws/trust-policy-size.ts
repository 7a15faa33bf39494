import type { Attribute } from '../../../abac/attributes';
import { TRUST_POLICY_MAX } from '../../../aws/limits';
import { trustPolicy } from '../../../aws/trust-policy';
import type { Environment } from '../../../model/environment';
import type { Members } from '../../../model/members';
import type { SpecPath } from '../../../model/problems';
import { PRODUCT_ROLES } from '../../../model/product-role';
import type { PolicyRule, Violation } from '../../rule';

function oversize(env: Environment, members: Members, attributes: readonly Attribute[], path: SpecPath, who: string): Violation[] {
  const size = JSON.stringify(trustPolicy(members, env, attributes)).length;
  if (size <= TRUST_POLICY_MAX) return [];
  return [
    {
      path,
      message: `${who}: its trust policy in ${env.name} has ${size} characters; IAM accepts ${TRUST_POLICY_MAX} by default`,
      fix: 'admit fewer principals: put people in a directory group mapped to one role, or use an attribute rule; or raise the IAM quota "Role trust policy length" and suppress this finding with the case number',
    },
  ];
}

/** Uses the trust policy the constructs write, so the size is the real one. */
export const trustPolicySize: PolicyRule = {
  id: 'aws/trust-policy-size',
  severity: 'error',
  description: `The trust policy of every product role and purpose role fits IAM's ${TRUST_POLICY_MAX}-character limit in every environment.`,
  rationale:
    'Each member group or user adds its mapped principal ARN (often 100+ characters for IAM Identity Center roles) to the trust policy. Past the quota, CreateRole fails with LimitExceeded at apply time; the role name is shortened by the model, but the policy cannot be.',
  *check({ mesh }): Iterable<Violation> {
    for (const env of mesh.environments) {
      for (const p of mesh.productsIn(env.name)) {
        for (const role of PRODUCT_ROLES) {
          yield* oversize(
            env,
            p.roles[role].members,
            mesh.attributes,
            [...p.specPath, 'roles', role, 'members'],
            `product ${p.id} ${role} role`,
          );
        }
      }
      for (const purpose of mesh.purposesIn(env.name)) {
        yield* oversize(env, purpose.members, mesh.attributes, [...purpose.specPath, 'members'], `purpose ${purpose.name} role`);
      }
    }
  },
};

import { policyPrincipalTrust } from '../../../aws/policy-trust';
import { describePrincipal } from '../../../plan/policy-principal';
import type { PolicyRule, Violation } from '../../rule';

/** Compiles the trust policy of every principal the global policies call for, as the constructs will. */
export const policyTrustEnforceable: PolicyRule = {
  id: 'aws/policy-trust-enforceable',
  severity: 'error',
  description:
    'Every principal that global policies call for (a merged subscription condition, a guarded way in, a row policy segment) can be admitted by an IAM trust policy in every environment.',
  rationale:
    'An IAM trust policy ANDs the keys of one statement and ORs statements: it cannot require two values of one session tag together, holds a few statements only, and admits groups and users through their mapped principals. A condition it cannot say is refused here with the reason, never deployed weaker than declared.',
  *check({ mesh, access }): Iterable<Violation> {
    const seen = new Set<string>();
    for (const entry of access) {
      if (entry.holder.kind !== 'policy') continue;
      const principal = entry.holder.principal;
      const key = `${entry.environment}\u0000${principal.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const trust = policyPrincipalTrust(principal, mesh.attributes, mesh.environment(entry.environment));
      if (!('refused' in trust)) continue;
      const policy = mesh.policies.find((p) => principal.policies.includes(p.name))!;
      yield {
        path: policy.specPath,
        message: `policy ${principal.policies.join(', ')}: in ${entry.environment}, who may read ${entry.product}/${entry.port} (${describePrincipal(principal)}) cannot be said in an IAM trust policy: ${trust.refused}`,
        fix: 'rewrite the condition so that each attribute is tested once per alternative, or split the policy',
      };
    }
  },
};

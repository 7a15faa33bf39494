import { IAM_ROLES_PER_ACCOUNT } from '../../../aws/limits';
import { ROW_FILTER_MAX_BYTES } from '../../../model/row-filter';
import { PRODUCT_ROLES } from '../../../model/product-role';
import { describePrincipal } from '../../../plan/policy-principal';
import type { PolicyRule, Violation } from '../../rule';

/**
 * What global policies expand to stays within what AWS accepts: each filter Lake Formation
 * receives (a row policy's values substituted, ANDed with a grant's or binding's filter) and the
 * number of IAM roles of each environment.
 */
export const policyExpansionLimits: PolicyRule = {
  id: 'aws/policy-expansion-limits',
  severity: 'error',
  description: `Every row filter of a global policy's segment fits Lake Formation's ${ROW_FILTER_MAX_BYTES}-byte filter expression once its values are substituted, and the roles global policies add keep each environment within IAM's ${IAM_ROLES_PER_ACCOUNT} roles per account.`,
  rationale:
    "A row policy is checked as written; its segments' filters are longer (values substituted, ANDed with a grant's filter), and CreateDataCellsFilter refuses a filter expression over 2,048 bytes at apply time. Each segment, guarded way in and merged condition is one IAM role: past the account's role quota CreateRole fails with LimitExceeded halfway through an apply.",
  *check({ mesh, access }): Iterable<Violation> {
    const reported = new Set<string>();
    for (const e of access) {
      if (e.holder.kind !== 'policy' || e.rows === undefined) continue;
      const bytes = Buffer.byteLength(e.rows, 'utf8');
      const principal = e.holder.principal;
      const policies = mesh.policies.filter((p) => p.kind === 'row-policy' && principal.policies.includes(p.name));
      const key = `${e.product}/${e.port}`;
      if (bytes <= ROW_FILTER_MAX_BYTES || policies.length === 0 || reported.has(key)) continue;
      reported.add(key);
      yield {
        path: [...policies[0].specPath, 'rows'],
        message: `row ${policies.length === 1 ? 'policy' : 'policies'} ${policies.map((p) => p.name).join(', ')}: on ${e.product}/${e.port}, the filter of ${describePrincipal(principal)} is ${bytes} bytes once the values are substituted and the filters ANDed; Lake Formation accepts at most ${ROW_FILTER_MAX_BYTES}`,
        fix: 'shorten the row policies or the filter of the grant or binding they are ANDed with, or use shorter attribute values',
      };
    }
    for (const env of mesh.environments) {
      const principals = new Set(
        access
          .filter((e) => e.environment === env.name && e.holder.kind === 'policy')
          .map((e) => (e.holder.kind === 'policy' ? e.holder.principal.id : '')),
      );
      if (principals.size === 0) continue;
      const others = mesh.productsIn(env.name).length * PRODUCT_ROLES.length + mesh.purposesIn(env.name).length;
      if (principals.size + others <= IAM_ROLES_PER_ACCOUNT) continue;
      yield {
        path: ['policies'],
        message: `in ${env.name}, global policies call for ${principals.size} IAM roles, ${principals.size + others} with the product and purpose roles; IAM accepts ${IAM_ROLES_PER_ACCOUNT} roles per account by default`,
        fix: 'use fewer segments (attribute values row policies use) or guardrails on fewer tables, or raise the IAM quota "Roles per account" and suppress this finding with the case number',
      };
    }
  },
};

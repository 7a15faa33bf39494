import { PRODUCT_ROLES } from '../../../model/product-role';
import type { PolicyRule, Violation } from '../../rule';
import { LF_TAG_LIMITS } from './lf-tag-limits';

/** LF-tag keys defined once per environment whatever the products: domain, dataproduct, classification. */
const FIXED_KEYS = 3;

/** Per environment, because each environment is its own account (the model enforces it). */
export const lfTagQuotas: PolicyRule = {
  id: 'aws/lf-tag-quotas',
  severity: 'error',
  description: `Per environment, at most ${LF_TAG_LIMITS.perAccount} LF-tags are defined and no LF-tag has more than ${LF_TAG_LIMITS.valuesPerKey} values (products, domains).`,
  rationale:
    'Lake Formation limits an account to 1000 LF-tags and an LF-tag to 1000 values. Both are soft limits: past them, apply fails until AWS support raises the quota. Once it is raised, suppress this finding with the support case as reason.',
  *check({ mesh }): Iterable<Violation> {
    for (const [i, env] of mesh.environments.entries()) {
      const products = mesh.productsIn(env.name);
      const domains = new Set(products.map((p) => p.domain));
      const tags = FIXED_KEYS + mesh.classification.classNames.length + PRODUCT_ROLES.length + mesh.purposesIn(env.name).length;
      const over: string[] = [];
      if (tags > LF_TAG_LIMITS.perAccount) over.push(`${tags} LF-tags (limit ${LF_TAG_LIMITS.perAccount})`);
      if (products.length > LF_TAG_LIMITS.valuesPerKey) over.push(`${products.length} values of \`dataproduct\` (limit ${LF_TAG_LIMITS.valuesPerKey})`);
      if (domains.size > LF_TAG_LIMITS.valuesPerKey) over.push(`${domains.size} values of \`domain\` (limit ${LF_TAG_LIMITS.valuesPerKey})`);
      if (over.length === 0) continue;
      yield {
        path: ['environments', i],
        message: `environment ${env.name} needs ${over.join(' and ')}`,
        fix: `ask AWS support to raise the Lake Formation quota for account ${env.account}, then suppress this finding with the case number as reason; or split the mesh across accounts`,
      };
    }
  },
};

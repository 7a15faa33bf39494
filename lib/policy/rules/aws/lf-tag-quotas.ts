import { LF_TAG, environmentLfTags } from '../../../aws/lf-tag-ontology';
import type { PolicyRule, Violation } from '../../rule';
import { LF_TAG_LIMITS } from '../../../aws/limits';

/** Per environment, because each environment is its own account (the model enforces it). */
export const lfTagQuotas: PolicyRule = {
  id: 'aws/lf-tag-quotas',
  severity: 'error',
  description: `Per environment, at most ${LF_TAG_LIMITS.perAccount} LF-tags are defined and no LF-tag has more than ${LF_TAG_LIMITS.valuesPerKey} values (products, domains).`,
  rationale:
    'Lake Formation limits an account to 1000 LF-tags and an LF-tag to 1000 values. Both are soft limits: past them, apply fails until AWS support raises the quota. Once it is raised, suppress this finding with the support case as reason.',
  *check({ mesh }): Iterable<Violation> {
    for (const [i, env] of mesh.environments.entries()) {
      // The tags the environment's stack defines, as its LakeFoundation gets them.
      const tags = environmentLfTags(mesh, env.name);
      const over: string[] = [];
      if (tags.size > LF_TAG_LIMITS.perAccount) over.push(`${tags.size} LF-tags (limit ${LF_TAG_LIMITS.perAccount})`);
      for (const key of [LF_TAG.product, LF_TAG.domain]) {
        const values = tags.get(key)!.length;
        if (values > LF_TAG_LIMITS.valuesPerKey) over.push(`${values} values of \`${key}\` (limit ${LF_TAG_LIMITS.valuesPerKey})`);
      }
      if (over.length === 0) continue;
      yield {
        path: ['environments', i],
        message: `environment ${env.name} needs ${over.join(' and ')}`,
        fix: `ask AWS support to raise the Lake Formation quota for account ${env.account}, then suppress this finding with the case number as reason; or split the mesh across accounts`,
      };
    }
  },
};

import { MAX_LEVEL, PRODUCT_ROLES, levelWithin } from '../../../model/product-role';
import type { PolicyRule, Violation } from '../../rule';
import { viaName } from '../../../plan/access-entry';

/**
 * The grant option is only ever declared through Owner `admin` grants, so the spec cannot break
 * this; the rule checks what the model computes from it and the levels that carry the option.
 */
export const ownerGrantOption: PolicyRule = {
  id: 'security/owner-grant-option',
  severity: 'error',
  description: "Only a product's Owner role holds the grant option, and only on its own product.",
  rationale:
    'A principal with the grant option can hand access to anyone, outside the spec and its reviews. Owners need it to administer their product; nobody else, and no Owner on another product, may have it.',
  *check({ access, permissions }): Iterable<Violation> {
    for (const level of permissions.grantableLevels) {
      const holders = PRODUCT_ROLES.filter((r) => r !== 'owner' && levelWithin(level, MAX_LEVEL[r]));
      if (holders.length === 0) continue;
      yield {
        path: [],
        message: `GRANTABLE_LEVELS in lib/model/product-role.ts includes \`${level}\`, which ${holders.join(' and ')} roles can be granted`,
        fix: 'keep GRANTABLE_LEVELS to [admin]: only Owners are granted admin',
      };
    }
    for (const a of access) {
      const v = a.via;
      if (!a.grantable || (v.kind === 'role' && v.role === 'owner' && v.product === a.product)) continue;
      yield {
        path: a.source.path,
        message: `product ${a.product}: ${viaName(v)} holds the grant option on port ${a.port} in ${a.environment}`,
        fix: "remove the grant option: only the product's own Owner role may re-grant access",
      };
    }
  },
};

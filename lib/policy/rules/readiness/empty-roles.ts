import type { DataProduct } from '../../../model/data-product';
import { isEmpty } from '../../../model/members';
import type { PolicyRule, Violation } from '../../rule';

/**
 * True for a product whose three roles have no member: freshly provisioned by a platform team,
 * before its owners fill it in. It grants nothing through its roles yet, so the readiness rules
 * that expect an Owner and a purpose (owner-role, purpose-binding) wait for it; this rule says so.
 */
export function hasEmptyRoles(p: DataProduct): boolean {
  return Object.values(p.roles).every((r) => isEmpty(r.members));
}

/** A provisioned product with empty roles validates, with a warning that it grants nothing yet. */
export const emptyRoles: PolicyRule = {
  id: 'readiness/empty-roles',
  severity: 'warning',
  description: 'A product whose roles are all empty is reported: it grants nothing through its roles yet.',
  rationale:
    'Platform engineers provision products with empty roles and hand them to their owners. Such a product is safe (nobody reads or administers it through its roles) and must validate without suppressions, but someone should fill it in: the Owner role and a purpose binding are expected once it has members.',
  *check({ mesh }): Iterable<Violation> {
    for (const p of mesh.products.filter(hasEmptyRoles)) {
      yield {
        path: [...p.specPath, 'roles'],
        message: `product ${p.id} grants nothing yet: its analyst, engineer and owner roles have no members`,
        fix: `add members under roles.owner.members (e.g. \`users: [${p.owner}]\`) and the other roles; then bind it to a purpose`,
      };
    }
  },
};

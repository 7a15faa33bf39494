import { isEmpty } from '../../../model/members';
import type { PolicyRule, Violation } from '../../rule';
import { hasEmptyRoles } from './empty-roles';

/** Someone must hold the Owner role, or nobody can administer the product or answer for it. */
export const ownerRole: PolicyRule = {
  id: 'readiness/owner-role',
  severity: 'error',
  description: 'The Owner role of every product has at least one member (once any of its roles has one).',
  rationale:
    'The accountable owner (`info.owner`) is required by the model, but the Owner role is who can actually administer the tables and grant access; an empty Owner role leaves a deployed product nobody can maintain.',
  *check({ mesh }): Iterable<Violation> {
    for (const p of mesh.products) {
      // A product with no member at all is reported by readiness/empty-roles, as a warning.
      if (!isEmpty(p.roles.owner.members) || hasEmptyRoles(p)) continue;
      yield {
        path: [...p.specPath, 'roles', 'owner'],
        message: `product ${p.id} has nobody in its Owner role`,
        fix: `add members under roles.owner.members, e.g. \`users: [${p.owner}]\``,
      };
    }
  },
};

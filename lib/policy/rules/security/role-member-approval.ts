import { PRODUCT_ROLES } from '../../../model/product-role';
import type { PolicyRule, Violation } from '../../rule';
import { RequiredApproval, approvalViolation } from './member-approval';

/**
 * Opt-in (`policy.severities: { security/role-member-approval: error }`, or `warning`): product
 * roles are the product team's own, and a mesh adopts recorded approvals for them when it
 * decides to, without every existing role member failing validation on the day it upgrades.
 */
export const roleMemberApproval: PolicyRule = {
  id: 'security/role-member-approval',
  severity: 'warning',
  optIn: true,
  description:
    "Every member of a product role records an approval by the product's owner (the owner's own membership: by the domain's owner), and nobody approves their own access.",
  rationale:
    'Whoever joins a product role reads (or changes) the product; the owner answers for that. An approval recorded on the member entry is reviewed with the change that adds the member, and an owner cannot admit themselves.',
  *check({ mesh }): Iterable<Violation> {
    const domainOwner = new Map(mesh.domains.map((d) => [d.name, d.owner]));
    for (const p of mesh.products) {
      for (const role of PRODUCT_ROLES) {
        for (const entry of p.roles[role].members.entries) {
          const v = approvalViolation(
            entry,
            `product ${p.id} ${role}`,
            requiredFor(entry.kind === 'user' && entry.member === p.owner),
            mesh.asOf,
          );
          if (v !== undefined) yield v;
        }
      }
      function requiredFor(ownerThemself: boolean): RequiredApproval {
        if (!ownerThemself) return { approvers: [p.owner], named: `${p.owner} (the owner of product ${p.id})` };
        const d = domainOwner.get(p.domain);
        return d === undefined || d === p.owner
          ? { approvers: [], named: `someone other than ${p.owner} (domain ${p.domain} declares no other owner)` }
          : { approvers: [d], named: `${d} (the owner of domain ${p.domain})` };
      }
    }
  },
};

import type { PolicyRule, Violation } from '../../rule';
import { approvalViolation } from './member-approval';

/** Error by default: the purpose's approver is the control that admits people to purpose-bound data. */
export const purposeMemberApproval: PolicyRule = {
  id: 'security/purpose-member-approval',
  severity: 'error',
  description:
    "Every member of a purpose records an approval by the purpose's approver or one of its delegates, and nobody approves their own access.",
  rationale:
    "Purpose-bound data is opened by two keys: products bind the purpose, the purpose's approver admits people. An approval recorded on the member entry (approvedBy, approvedOn, reason or ticket) is reviewed in the pull request that adds the member and answers the auditor's question of who admitted whom, when and why, without a separate system.",
  *check({ mesh }): Iterable<Violation> {
    for (const purpose of mesh.purposes) {
      const approvers = [purpose.approver, ...purpose.delegates];
      const delegates = purpose.delegates.length > 0 ? ` or a delegate (${purpose.delegates.join(', ')})` : '';
      const named = `${purpose.approver} (the approver of purpose ${purpose.name})${delegates}`;
      for (const entry of purpose.members.entries) {
        const v = approvalViolation(entry, `purpose ${purpose.name}`, { approvers, named }, mesh.asOf);
        if (v !== undefined) yield v;
      }
    }
  },
};

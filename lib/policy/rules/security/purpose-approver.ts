import type { PolicyRule, Violation } from '../../rule';

/** The model requires an approver; the approver must also be someone other than the people admitted. */
export const purposeApprover: PolicyRule = {
  id: 'security/purpose-approver',
  severity: 'error',
  description: 'Every purpose has an approver who is not one of its own members.',
  rationale:
    'The approver decides who may read data for the purpose; an approver listed among the members admits themselves, and the purpose has no independent control. (A purpose without an approver is rejected by the model.)',
  *check({ mesh }): Iterable<Violation> {
    for (const purpose of mesh.purposes) {
      if (!purpose.members.users.includes(purpose.approver)) continue;
      yield {
        path: [...purpose.specPath, 'approver'],
        message: `purpose ${purpose.name}: approver ${purpose.approver} is also one of its members`,
        fix: `name another approver (e.g. ${purpose.approver}'s manager), or remove ${purpose.approver} from members.users`,
      };
    }
  },
};

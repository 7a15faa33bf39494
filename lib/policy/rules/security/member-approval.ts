import type { MemberEntry } from '../../../model/members';
import type { Violation } from '../../rule';

/** Who must approve an entry, as a message says it: `maria.lopez (the approver of purpose fraud-detection) or a delegate (kim.ng)`. */
export interface RequiredApproval {
  /** People whose approval is valid; empty when anyone but the member may approve. */
  readonly approvers: readonly string[];
  /** The approvers as a message names them. */
  readonly named: string;
}

/**
 * The violation of one member entry against who must approve it, if any: no approval, an
 * approval by someone who may not give it, an approval of one's own access, or one dated after
 * the day the mesh is evaluated for.
 * @param holder what the entry admits to, e.g. `purpose fraud-detection`
 */
export function approvalViolation(entry: MemberEntry, holder: string, required: RequiredApproval, asOf: string): Violation | undefined {
  const who = `${holder}: ${entry.kind === 'attributes' ? 'attribute rule' : entry.kind} ${entry.member}`;
  const { approvedBy, approvedOn } = entry.approval;
  const record = `approvedBy: ${required.approvers[0] ?? '<approver>'}, approvedOn: <day>, and a reason or ticket`;
  const path = entry.specPath;
  if (approvedBy === undefined) {
    return {
      path,
      message: `${who} has no recorded approval; ${required.named} must approve`,
      fix: `once approved, record ${record} on the entry`,
    };
  }
  if (entry.kind === 'user' && approvedBy === entry.member) {
    return {
      path: [...path, 'approvedBy'],
      message: `${who} approved their own access; ${required.named} must approve`,
      fix: `ask for the approval and record ${record}`,
    };
  }
  if (required.approvers.length > 0 && !required.approvers.includes(approvedBy)) {
    return {
      path: [...path, 'approvedBy'],
      message: `${who} is approved by ${approvedBy}, who may not approve it; ${required.named} must approve`,
      fix: `ask for the approval and record ${record}`,
    };
  }
  if (approvedOn !== undefined && approvedOn > asOf) {
    return {
      path: [...path, 'approvedOn'],
      message: `${who} is approved on ${approvedOn}, after the day the mesh is evaluated for (${asOf}); an approval cannot be dated ahead`,
      fix: 'record the day the approval was given',
    };
  }
  return undefined;
}

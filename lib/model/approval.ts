import { isCalendarDate } from './calendar-date';
import { shown } from './literal-text';
import { SpecPath } from './problems';
import { SpecCheck } from './spec-check';

/**
 * Who admitted an entry (a member, a grant, a purpose binding, an override), when, why, and
 * until when: recorded next to the entry, so that the pull request that adds it shows the
 * approval and the review history keeps it.
 */
export interface ApprovalSpec {
  /** Person who approved the entry (for a purpose member: the purpose's approver or one of its delegates). */
  readonly approvedBy?: string;
  /** Day of the approval, `YYYY-MM-DD`. */
  readonly approvedOn?: string;
  /** Why the entry was approved. An approval needs a reason, a ticket, or both. */
  readonly reason?: string;
  /** Ticket or request that holds the approval, e.g. `SEC-1234`. */
  readonly ticket?: string;
  /**
   * Last day the entry holds, `YYYY-MM-DD`, in UTC: it is in force through that whole day and
   * dropped from synthesis from the next day on.
   * @default - it holds until removed
   */
  readonly expires?: string;
}

/** A validated approval record; absent fields were not recorded. */
export interface Approval {
  readonly approvedBy?: string;
  readonly approvedOn?: string;
  readonly reason?: string;
  readonly ticket?: string;
  readonly expires?: string;
}

const FIELDS = ['approvedBy', 'approvedOn', 'reason', 'ticket', 'expires'] as const;

/** The approval fields present in `spec`, and nothing else (`spec` may be a whole member entry). */
export function toApproval(spec: ApprovalSpec): Approval {
  const out: Record<string, string> = {};
  for (const f of FIELDS) if (spec[f] !== undefined) out[f] = spec[f];
  return out;
}

/** True when the entry no longer holds on `asOf`: its last day is before it (the expiry day itself still holds). */
export function isExpired(a: ApprovalSpec, asOf: string): boolean {
  return a.expires !== undefined && a.expires < asOf;
}

/**
 * Checks that a recorded approval is complete and consistent: real days, an approver for every
 * recorded approval, a reason or ticket, and an approval no later than the expiry. Who may approve
 * is a governance rule (`security/*-member-approval`), not a shape problem.
 */
export function checkApproval(check: SpecCheck, a: ApprovalSpec, path: SpecPath, what: string): void {
  for (const f of ['approvedOn', 'expires'] as const) {
    const day = a[f];
    if (day !== undefined && !isCalendarDate(day))
      check.add([...path, f], `${what}: ${f} \`${shown(String(day))}\` is not a day`, 'write a day as YYYY-MM-DD, e.g. 2027-03-31 (UTC)');
  }
  const recorded = a.approvedOn !== undefined || a.reason !== undefined || a.ticket !== undefined;
  if (a.approvedBy === undefined) {
    if (recorded) check.add(path, `${what}: the approval names no approver`, 'add approvedBy: the person who approved it');
    return;
  }
  if (a.approvedOn === undefined) check.add(path, `${what}: approved by ${a.approvedBy} on no day`, 'add approvedOn: YYYY-MM-DD');
  if (a.reason === undefined && a.ticket === undefined)
    check.add(
      path,
      `${what}: approved by ${a.approvedBy} without a reason or ticket`,
      'add reason: why, or ticket: the request that holds the approval',
    );
  if (
    a.approvedOn !== undefined &&
    a.expires !== undefined &&
    isCalendarDate(a.approvedOn) &&
    isCalendarDate(a.expires) &&
    a.approvedOn > a.expires
  )
    check.add([...path, 'approvedOn'], `${what}: approved on ${a.approvedOn}, after it expires on ${a.expires}`);
}

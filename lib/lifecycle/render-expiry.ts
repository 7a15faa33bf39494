import { ReportFormat, TableLayout, formatHeading, formatTable } from '../reports/format-table';
import type { DatedEntry, ExpiryReport } from './expiry';

/** Where an entry is written: `purposes.yaml:15:11`, or its spec path for a mesh built in code. */
function where(e: DatedEntry): string {
  return e.location !== undefined ? `${e.location.file}:${e.location.line}:${e.location.column}` : e.path;
}

/** The line every expiry output starts with: the day it was evaluated for, so that it can be reproduced. */
export function expiryTitle(r: ExpiryReport): string {
  return `Expiry in mesh ${r.mesh} as of ${r.asOf} (UTC), through ${r.until} (${r.withinDays} days)`;
}

/**
 * The report for people, one table per approver (who renews or removes the entries): a weekly
 * reminder in a terminal (`text`) or an issue or pull-request comment (`md`).
 */
export function renderExpiry(r: ExpiryReport, format: ReportFormat, layout: TableLayout = {}): string {
  const title = format === 'md' ? `## ${expiryTitle(r)}` : expiryTitle(r);
  if (r.entries.length === 0) return `${title}\n\nNothing has expired or expires by ${r.until}.\n`;
  const approvers = [...new Set(r.entries.map((e) => e.approver))].sort();
  const sections = approvers.map((approver) => {
    const rows = r.entries
      .filter((e) => e.approver === approver)
      .map((e) => [e.expires, e.status, e.holder, e.entry, e.approvedBy ?? '-', where(e)]);
    return `${formatHeading(format, `${approver}`)}\n\n${formatTable(format, ['expires', 'status', 'for', 'entry', 'approved by', 'where'], rows, layout)}`;
  });
  const expired = r.entries.filter((e) => e.status === 'expired').length;
  const summary = `${expired} expired (no longer synthesized; remove them or renew them), ${r.entries.length - expired} expiring by ${r.until}.`;
  return `${title}\n\n${sections.join('\n\n')}\n\n${summary}\n`;
}

/**
 * What `validate` and `synth` add to their output: nothing when no entry has expired or expires
 * in the window; otherwise the day evaluated against and one line per entry, expired ones
 * first, each with where it is written.
 */
export function expiryNotice(r: ExpiryReport): string {
  if (r.entries.length === 0) return '';
  const line = (e: DatedEntry) =>
    `  ${where(e)}: ${e.holder}: ${e.entry} ${e.status === 'expired' ? `expired after ${e.expires}: not synthesized` : `expires after ${e.expires}`} (ask ${e.approver})`;
  const expired = r.entries.filter((e) => e.status === 'expired');
  const expiring = r.entries.filter((e) => e.status !== 'expired');
  return [
    `As of ${r.asOf} (UTC):`,
    ...(expired.length > 0
      ? [`${expired.length} expired ${expired.length === 1 ? 'entry' : 'entries'}, dropped from synthesis:`, ...expired.map(line)]
      : []),
    ...(expiring.length > 0
      ? [`${expiring.length} ${expiring.length === 1 ? 'entry expires' : 'entries expire'} by ${r.until}:`, ...expiring.map(line)]
      : []),
  ].join('\n');
}

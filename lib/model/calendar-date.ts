/**
 * Calendar days as meshgrant reads them: `YYYY-MM-DD`, a day in UTC. Expiry dates, approval dates
 * and the date a command evaluates expiry against (`--as-of`) are all days, never instants, so
 * that a run on any machine in any time zone reaches the same result for the same day.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written `YYYY-MM-DD` (`2026-02-30` is not one). */
export function isCalendarDate(text: string): boolean {
  const m = DAY.exec(text);
  if (m === null) return false;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === text;
}

/** The current day in UTC. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The day `days` after `day` (both `YYYY-MM-DD`). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return todayUtc(d);
}

// A day, or an instant with an explicit offset: a time without one would mean the local time
// zone of whoever runs the command, and the same text would name different days on two machines.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The UTC day of an `--as-of` value: a day (`2026-12-01`) as is, or an instant with its offset
 * (`2026-12-01T01:30:00+02:00` is 2026-11-30 in UTC). Undefined when it is neither.
 */
export function utcDayOf(text: string): string | undefined {
  if (isCalendarDate(text)) return text;
  if (!INSTANT.test(text) || !isCalendarDate(text.slice(0, 10))) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : todayUtc(new Date(t));
}

/** A span in whole days, written `14d` or `2w`; undefined for anything else. */
export function daysOf(text: string): number | undefined {
  const m = /^([0-9]{1,4})([dw])$/.exec(text);
  if (m === null) return undefined;
  return Number(m[1]) * (m[2] === 'w' ? 7 : 1);
}

import { InvalidArgumentError } from 'commander';
import { daysOf, utcDayOf } from '../lib/model/calendar-date';

/**
 * `--as-of`, shared by the commands that evaluate expiry: the day (UTC) entries are checked
 * against. Default today in UTC; CI that needs the same answer tomorrow passes it.
 */
export const AS_OF_OPTION = [
  '--as-of <day>',
  'evaluate expiry as of this day, YYYY-MM-DD, or an instant with its offset (2026-12-01T09:00+01:00); default today in UTC',
  parseAsOf,
] as const;

/** Parses `--as-of` into a UTC day; commander reports a bad one and `meshgrant` exits 2. */
export function parseAsOf(value: string): string {
  const day = utcDayOf(value);
  if (day === undefined)
    throw new InvalidArgumentError('expected a day YYYY-MM-DD, or an instant with an offset, e.g. 2026-12-01T09:00:00+01:00');
  return day;
}

/** Parses a span such as `14d` or `2w` (`--within`, `--warn-within`). */
export function parseDays(value: string): number {
  const days = daysOf(value);
  if (days === undefined) throw new InvalidArgumentError('expected a number of days or weeks, e.g. 14d or 2w');
  return days;
}

import { AccessChange, AccessState } from './access-diff';

const list = (xs: readonly string[]) => xs.join(', ');
const rowsText = (rows: string | undefined) => (rows === undefined ? 'all rows' : `rows where ${rows}`);

/** An access state in one phrase: `DESCRIBE, SELECT on amount, country (all rows)`. */
export function describeState(s: AccessState): string {
  const grant = s.grantable.length > 0 ? `; grant option on ${list(s.grantable)}` : '';
  return `${list(s.permissions)} on ${list(s.columns)} (${rowsText(s.rows)})${grant}`;
}

/** What a change gives, one phrase per aspect (empty when it gives nothing). */
export function describeGains(c: AccessChange): string[] {
  if (c.change === 'added') return [`new access: ${describeState(c.after!)}`];
  return [
    ...(c.columns.gained.length ? [`columns ${list(c.columns.gained)}`] : []),
    ...(c.permissions.gained.length ? [`permissions ${list(c.permissions.gained)}`] : []),
    ...(c.grantable.gained.length ? [`grant option on ${list(c.grantable.gained)}`] : []),
    ...(c.widens && c.before?.rows !== c.after?.rows ? [`${rowsText(c.after?.rows)} instead of ${rowsText(c.before?.rows)}`] : []),
  ];
}

/** What a change takes away, one phrase per aspect (empty when it takes nothing). */
export function describeLosses(c: AccessChange): string[] {
  if (c.change === 'removed') return [`all access: ${describeState(c.before!)}`];
  return [
    ...(c.columns.lost.length ? [`columns ${list(c.columns.lost)}`] : []),
    ...(c.permissions.lost.length ? [`permissions ${list(c.permissions.lost)}`] : []),
    ...(c.grantable.lost.length ? [`grant option on ${list(c.grantable.lost)}`] : []),
    ...(!c.widens && c.before?.rows !== c.after?.rows ? [`${rowsText(c.before?.rows)}, now ${rowsText(c.after?.rows)}`] : []),
  ];
}

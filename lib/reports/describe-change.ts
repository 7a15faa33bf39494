import { AccessChange, AccessState, Delta } from './access-diff';

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
  const rows = c.widens && c.before?.rows !== c.after?.rows ? [`${rowsText(c.after?.rows)} instead of ${rowsText(c.before?.rows)}`] : [];
  return [...describeDelta(c, 'gained'), ...rows];
}

/** What a change takes away, one phrase per aspect (empty when it takes nothing). */
export function describeLosses(c: AccessChange): string[] {
  if (c.change === 'removed') return [`all access: ${describeState(c.before!)}`];
  const rows = !c.widens && c.before?.rows !== c.after?.rows ? [`${rowsText(c.before?.rows)}, now ${rowsText(c.after?.rows)}`] : [];
  return [...describeDelta(c, 'lost'), ...rows];
}

function describeDelta(c: AccessChange, side: keyof Delta): string[] {
  return [
    ...(c.columns[side].length ? [`columns ${list(c.columns[side])}`] : []),
    ...(c.permissions[side].length ? [`permissions ${list(c.permissions[side])}`] : []),
    ...(c.grantable[side].length ? [`grant option on ${list(c.grantable[side])}`] : []),
  ];
}

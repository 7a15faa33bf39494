import { AccessChange, AccessState, Delta } from './access-diff';

const list = (xs: readonly string[]) => xs.join(', ');

/** Columns with their classes, the part a reviewer looks for: `customer_id, email (pii)`. */
function columnList(columns: readonly string[], state: AccessState | undefined): string {
  return columns.map((c) => (state?.columnClasses?.[c]?.length ? `${c} (${state.columnClasses[c].join(', ')})` : c)).join(', ');
}
const rowsText = (rows: string | undefined) => (rows === undefined ? 'all rows' : `rows where ${rows}`);

/** An access state in one phrase: `DESCRIBE, SELECT on amount, country (all rows)`. */
export function describeState(s: AccessState): string {
  const grant = s.grantable.length > 0 ? `; grant option on ${list(s.grantable)}` : '';
  return `${list(s.permissions)} on ${columnList(s.columns, s)} (${rowsText(s.rows)})${grant}`;
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
    ...(c.columns[side].length ? [`columns ${columnList(c.columns[side], side === 'gained' ? c.after : c.before)}`] : []),
    ...(c.permissions[side].length ? [`permissions ${list(c.permissions[side])}`] : []),
    ...(c.grantable[side].length ? [`grant option on ${list(c.grantable[side])}`] : []),
  ];
}

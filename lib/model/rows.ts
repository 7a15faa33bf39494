import { SpecPath } from './problems';
import { SpecCheck } from './spec-check';

/** Row filters are a static PartiQL subset of fewer than 2048 characters, without function calls. */
const ROW_FILTER_MAX = 2047;
const FUNCTION_CALL = /\b(?!(?:in|not|and|or)\b)[a-z_][a-z0-9_]*\s*\(/i;

/** Checks the row filter of a grant or a purpose binding, when it has one. */
export function checkRows(check: SpecCheck, rows: string | undefined, path: SpecPath, who: string): void {
  if (rows === undefined) return;
  if (rows.trim() === '') check.add(path, `${who}: the row filter is empty; leave \`rows\` out for all rows`);
  else if (rows.length > ROW_FILTER_MAX) check.add(path, `${who}: the row filter has ${rows.length} characters; Lake Formation accepts at most ${ROW_FILTER_MAX}`);
  else if (FUNCTION_CALL.test(rows) || rows.includes(';')) {
    check.add(path, `${who}: the row filter \`${rows}\` calls a function or has a \`;\`; Lake Formation row filters are static conditions on columns and constants`);
  }
}

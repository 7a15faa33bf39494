import { printable } from '../lib/input/printable';
import { Problem, formatPath } from '../lib/model/problems';
import { fieldInFile } from '../lib/spec';

/** A problem as `--json` reports it. */
export interface ProblemReport {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** Path of the field inside its file, e.g. `grants[0].port`. */
  readonly field: string;
  /** Path in the whole mesh spec, e.g. `products[3].grants[0].port`. */
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
}

export function problemReport(p: Problem): ProblemReport {
  return {
    ...(p.location ? { file: p.location.file, line: p.location.line, column: p.location.column } : {}),
    field: formatPath(p.location ? fieldInFile(p.path) : p.path),
    path: formatPath(p.path),
    message: p.message,
    ...(p.hint !== undefined ? { hint: p.hint } : {}),
  };
}

/** One line per problem, `file:line:column: field: message (hint)`, as editors and CI logs link them. */
export function problemLine(p: Problem): string {
  const r = problemReport(p);
  // A line feed in a file name must not start a line of its own.
  const where = r.file !== undefined ? `${printable(r.file)}:${r.line}:${r.column}: ` : '';
  return `${where}${r.field ? `${r.field}: ` : ''}${r.message}${r.hint !== undefined ? ` (${r.hint})` : ''}`;
}

/** The problems for people: one line each, then how many. */
export function problemsText(problems: readonly Problem[]): string {
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return [...problems.map(problemLine), count].join('\n');
}

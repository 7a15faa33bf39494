import { ReadbackProblem } from '../readback/readback-problems';

/** One line per problem: `- <stack>: <address>: <what>`, as report notes list them. */
export function problemLines(problems: readonly ReadbackProblem[], prefix = ''): string[] {
  return problems.map((p) => `- ${prefix}${p.stack}: ${p.address !== undefined ? `${p.address}: ` : ''}${p.message}`);
}

/** What readback does not understand in `where`, under a heading saying it counts as possible widening; empty when nothing. */
export function renderNotUnderstood(problems: readonly ReadbackProblem[], where: string): string[] {
  if (problems.length === 0) return [];
  return [`Not understood in ${where}, so taken as possible widening:\n${problemLines(problems).join('\n')}`];
}

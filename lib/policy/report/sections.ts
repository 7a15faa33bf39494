/** Pieces shared by the human renderers (text and Markdown). */
import { formatPath } from '../../model/problems';
import type { Finding } from '../rule';
import type { SuppressionOutcome } from '../suppressions';

/** Findings by product id (`undefined` for mesh-level), keeping the report's order. */
export function groupByProduct<T extends Finding>(findings: readonly T[]): Map<string | undefined, T[]> {
  const groups = new Map<string | undefined, T[]>();
  for (const f of findings) groups.set(f.product, [...(groups.get(f.product) ?? []), f]);
  return groups;
}

/** Heading of a group: `product payments.transactions` or `mesh`. */
export function groupTitle(product: string | undefined): string {
  return product === undefined ? 'mesh' : `product ${product}`;
}

/** `1 error`, `2 warnings`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One line for a declared suppression: status, what it covers, and its reason. */
export function describeSuppression(s: SuppressionOutcome): string {
  const scope = s.product ? `product ${s.product}` : 'mesh';
  const target = s.target ? ` target ${s.target}` : '';
  const expires = s.expires ? `, expires ${s.expires}` : '';
  const matched = s.status === 'applied' ? `, ${plural(s.matched, 'finding')}` : '';
  return `${s.status} ${s.rule} on ${scope}${target}${matched}${expires} (${formatPath(s.path)}): ${s.reason}`;
}

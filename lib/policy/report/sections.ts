/** Pieces shared by the human renderers (text and Markdown). */

import type { Finding } from '../rule';

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

import type { Classification } from '../model/classification';
import type { Column } from '../model/output-port';

/**
 * What a principal may see of any table, before a grant narrows it: columns up to a sensitivity
 * level (product roles and consumers), or columns whose classes are all allowed (purposes).
 */
export type ColumnAllowance =
  { readonly kind: 'clearance'; readonly level: string } | { readonly kind: 'classes'; readonly allowed: readonly string[] };

/** Columns of `port` within `allowance`, among `wanted` (all columns when undefined), sorted. */
export function readableColumns(
  classification: Classification,
  port: { readonly columns: readonly Pick<Column, 'name' | 'level' | 'classes'>[] },
  allowance: ColumnAllowance,
  wanted?: readonly string[],
): string[] {
  const allowed =
    allowance.kind === 'clearance'
      ? (c: Pick<Column, 'level' | 'classes'>) => classification.rank(c.level) <= classification.rank(allowance.level)
      : (c: Pick<Column, 'level' | 'classes'>) => c.classes.every((k) => allowance.allowed.includes(k));
  return port.columns
    .filter((c) => (wanted === undefined || wanted.includes(c.name)) && allowed(c))
    .map((c) => c.name)
    .sort();
}

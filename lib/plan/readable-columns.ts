import type { Classification } from '../model/classification';
import type { Column, OutputPort } from '../model/output-port';

/**
 * What a principal may see of any table, before a grant narrows it: columns up to a sensitivity
 * level (product roles and consumers), or columns whose classes are all allowed (purposes).
 */
export type ColumnAllowance =
  | { readonly kind: 'clearance'; readonly level: string }
  | { readonly kind: 'classes'; readonly allowed: readonly string[] };

/** Columns of `port` within `allowance`, among `wanted` (all columns when undefined), sorted. */
export function readableColumns(
  classification: Classification,
  port: OutputPort,
  allowance: ColumnAllowance,
  wanted?: readonly string[],
): string[] {
  const allowed =
    allowance.kind === 'clearance'
      ? (c: Column) => classification.rank(c.level) <= classification.rank(allowance.level)
      : (c: Column) => c.classes.every((k) => allowance.allowed.includes(k));
  return port.columns
    .filter((c) => (wanted === undefined || wanted.includes(c.name)) && allowed(c))
    .map((c) => c.name)
    .sort();
}

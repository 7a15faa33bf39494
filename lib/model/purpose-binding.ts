import { Approval, ApprovalSpec, toApproval } from './approval';
import { OutputPortSpec, columnNames } from './output-port';
import { SpecPath } from './problems';
import { FilterReaders, canonicalRowFilter, checkRowFilter } from './check-row-filter';
import type { Classification } from './classification';
import { SpecCheck } from './spec-check';
import { suggest } from './suggest';

/**
 * A product's owner binds it to a purpose: the purpose's members may read the listed ports,
 * limited to the columns the binding names and the classes the purpose allows, and to the rows
 * of the filter.
 */
export interface PurposeBindingSpec extends ApprovalSpec {
  /** Purpose name. */
  readonly purpose: string;
  /** Output ports of this product the purpose may read. */
  readonly ports: readonly string[];
  /**
   * Columns readable for this purpose (a subset of each bound port's columns).
   * @default - every column whose classes the purpose allows
   */
  readonly columns?: readonly string[];
  /**
   * Row filter for this purpose (static PartiQL condition).
   * @default - all rows
   */
  readonly rows?: string;
}

/** A validated purpose binding. */
export interface PurposeBinding {
  readonly purpose: string;
  /** Sorted. */
  readonly ports: readonly string[];
  /** Sorted, when the binding restricts columns. */
  readonly columns?: readonly string[];
  readonly rows?: string;
  /** Where the binding is in the spec (`['products', i, 'purposes', j]`): access planned from it, and findings on it, point here. */
  /** Who approved the binding and until when (empty when nothing is recorded). */
  readonly approval: Approval;
  readonly specPath: SpecPath;
}

/** Checks a binding's ports, columns and rows against the product's ports (`who` names the product). */
export function checkBinding(
  check: SpecCheck,
  b: PurposeBindingSpec,
  ports: ReadonlyMap<string, OutputPortSpec>,
  path: SpecPath,
  who: string,
  filter: { readonly classification?: Classification; readonly readers?: FilterReaders },
): void {
  if (!b.ports || b.ports.length === 0) check.add([...path, 'ports'], `${who}: binding to ${b.purpose} lists no port`);
  (b.ports ?? []).forEach((port, j) => {
    if (!ports.has(port))
      check.add([...path, 'ports', j], `${who}: binding to ${b.purpose} names unknown port \`${port}\``, suggest(port, ports.keys()));
  });
  (b.columns ?? []).forEach((c, j) => {
    const inSome = (b.ports ?? []).some((port) => columnNames(ports.get(port)).has(c));
    if (!inSome) check.add([...path, 'columns', j], `${who}: binding to ${b.purpose} names column \`${c}\`, which no bound port has`);
  });
  if (b.columns !== undefined && b.columns.length === 0)
    check.add([...path, 'columns'], `${who}: binding to ${b.purpose} lists no column; leave \`columns\` out to bind every allowed column`);
  if (b.rows !== undefined) {
    const filtered = (b.ports ?? []).flatMap((n) => ports.get(n) ?? []);
    checkRowFilter(
      {
        rows: b.rows,
        path: [...path, 'rows'],
        who: `${who}: binding to ${b.purpose}`,
        ports: filtered,
        columns: b.columns,
        readers: filter.readers,
      },
      filter.classification,
      check.problems,
    );
  }
}

/** The validated binding of a checked spec, at `specPath` (`['products', i, 'purposes', j]`). */
export function toPurposeBinding(b: PurposeBindingSpec, specPath: SpecPath): PurposeBinding {
  return {
    purpose: b.purpose,
    ports: [...new Set(b.ports)].sort(),
    columns: b.columns ? [...new Set(b.columns)].sort() : undefined,
    rows: b.rows === undefined ? undefined : canonicalRowFilter(b.rows),
    approval: toApproval(b),
    specPath,
  };
}

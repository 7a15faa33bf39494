import { Classification } from './classification';
import { readableColumns } from '../plan/readable-columns';
import { ClassifiedColumn, OutputPortSpec, toColumn } from './output-port';
import { ProblemCollector, SpecPath } from './problems';
import { ColumnTest, FilterValue, columnTests, parseRowFilter, testValues } from './row-filter';
import { suggest } from './suggest';

/** Who reads through a grant or a binding, which decides the columns its row filter may test. */
export type FilterReaders =
  | { readonly kind: 'clearance'; readonly clearance: string }
  | { readonly kind: 'purpose'; readonly purpose: string; readonly allowedClasses: readonly string[] };

/** A row filter as a grant or a purpose binding declares it, with what decides its columns. */
export interface DeclaredFilter {
  /** The filter as written. */
  readonly rows: string;
  /** Where `rows` is in the spec, and whose filter it is (`product x: grant to analyst`). */
  readonly path: SpecPath;
  readonly who: string;
  /** The ports it filters (those that exist). */
  readonly ports: readonly OutputPortSpec[];
  /** The columns the grant or binding limits its readers to, when it does. */
  readonly columns?: readonly string[];
  /** Undefined when unknown (an unknown purpose, reported on its own): visibility is then not checked. */
  readonly readers?: FilterReaders;
  /**
   * Reader attributes `@name` may stand for (row policies).
   * @default - none
   */
  readonly parameters?: readonly string[];
}

/** Lake Formation's row filter types (developer guide, "PartiQL support in row filter expressions"), by kind of constant. */
const TYPE_FAMILIES: readonly { readonly family: 'string' | 'number' | 'boolean'; readonly pattern: RegExp }[] = [
  { family: 'string', pattern: /^(string|char\(\d+\)|varchar\(\d+\))$/ },
  { family: 'number', pattern: /^(int|integer|bigint|long|float|double|decimal(\(\d+(,\s*\d+)?\))?)$/ },
  { family: 'boolean', pattern: /^boolean$/ },
];
const SUPPORTED_TYPES = 'string, char, varchar, int, bigint, long, float, double, decimal and boolean';

/**
 * Parses a grant's or binding's row filter and checks it against the tables it filters: every
 * column exists on each port, is one its readers can see (a filter on a hidden column would reveal
 * that column's values through the rows it lets through), has a type Lake Formation filters on,
 * and is compared with constants of that type. Every problem points at its place in the filter.
 */
export function checkRowFilter(declared: DeclaredFilter, classification: Classification | undefined, problems: ProblemCollector): void {
  const { rows, path, who } = declared;
  const report = (index: number, message: string, hint?: string) => problems.add(path, `${who}: row filter: ${message}`, hint, index);
  const parsed = parseRowFilter(rows, { parameters: declared.parameters });
  if (!parsed.ok) {
    report(parsed.error.offset, parsed.error.message);
    return;
  }
  // Without a usable classification, the columns' visibility is unknown; its own problems come first.
  if (classification === undefined) return;
  for (const port of declared.ports) {
    const columns = [
      ...(port.columns ?? []).map((c) => toColumn(classification, c, false)),
      ...(port.table?.partitionKeys ?? []).map((c) => toColumn(classification, c, true)),
    ];
    const visible = visibleColumns(classification, columns, declared);
    for (const test of columnTests(parsed.filter.condition)) {
      const problem = testProblem(test, port, columns, visible, declared);
      if (problem) report(problem.index, problem.message, problem.hint);
    }
  }
}

/** The text of a filter as Terraform sends it; for filters already checked. @throws Error when `rows` is not a valid filter */
export function canonicalRowFilter(rows: string): string {
  const parsed = parseRowFilter(rows);
  if (!parsed.ok) throw new Error(`row filter not checked: ${parsed.error.message}`);
  return parsed.filter.text;
}

/** The columns the readers see, or undefined when their clearance is itself unknown (a problem of its own). */
function visibleColumns(
  classification: Classification,
  columns: readonly ClassifiedColumn[],
  declared: DeclaredFilter,
): Set<string> | undefined {
  const port = { columns };
  const readers = declared.readers;
  if (readers === undefined || (readers.kind === 'clearance' && !classification.levels.includes(readers.clearance))) return undefined;
  const allowance =
    readers.kind === 'clearance'
      ? { kind: 'clearance' as const, level: readers.clearance }
      : { kind: 'classes' as const, allowed: readers.allowedClasses };
  return new Set(readableColumns(classification, port, allowance, declared.columns));
}

interface TestProblem {
  readonly index: number;
  readonly message: string;
  readonly hint?: string;
}

function testProblem(
  test: ColumnTest,
  port: OutputPortSpec,
  columns: readonly ClassifiedColumn[],
  visible: ReadonlySet<string> | undefined,
  declared: DeclaredFilter,
): TestProblem | undefined {
  const { name, at } = test.column;
  const column = columns.find((c) => c.name === name);
  if (column === undefined) {
    return {
      index: at.start,
      message: `unknown column \`${name}\`; expected a column of port ${port.name}`,
      hint: suggest(
        name,
        columns.map((c) => c.name),
      ),
    };
  }
  if (visible !== undefined && !visible.has(name)) {
    return {
      index: at.start,
      message: `column \`${name}\` is hidden from the readers of port ${port.name} (${hiddenBecause(column, declared)}); the rows the filter lets through would reveal its values`,
      hint: 'filter on a column they can read',
    };
  }
  if (test.kind === 'null' && column.partitionKey) {
    return {
      index: at.start,
      message: `\`IS ${test.negated ? 'NOT ' : ''}NULL\` on partition column \`${name}\`; Lake Formation does not allow it on partition columns`,
    };
  }
  const family = TYPE_FAMILIES.find((f) => f.pattern.test(column.type.trim().toLowerCase()))?.family;
  if (family === undefined) {
    return {
      index: at.start,
      message: `column \`${name}\` has type ${column.type}; Lake Formation row filters test columns of type ${SUPPORTED_TYPES}`,
    };
  }
  if (test.kind === 'like' && family !== 'string') {
    return { index: at.start, message: `\`LIKE\` on ${column.type} column \`${name}\`; LIKE matches string columns only` };
  }
  const wrong = testValues(test).find((v) => valueFamily(v) !== family);
  if (wrong !== undefined) {
    return {
      index: wrong.at.start,
      message: `compares ${column.type} column \`${name}\` with ${describeValue(wrong)}; expected ${expectedValue(family)}`,
    };
  }
  return undefined;
}

function hiddenBecause(column: ClassifiedColumn, declared: DeclaredFilter): string {
  if (declared.columns !== undefined && !declared.columns.includes(column.name)) return 'not among its `columns`';
  const readers = declared.readers!;
  if (readers.kind === 'clearance') return `level ${column.level} is above the clearance ${readers.clearance}`;
  const denied = column.classes.filter((c) => !readers.allowedClasses.includes(c));
  return `purpose ${readers.purpose} may not see class ${denied.join(', ')}`;
}

/** The kind of column a value can be compared with; a reader's attribute is a string. */
function valueFamily(v: FilterValue): string {
  return v.kind === 'parameter' ? 'string' : v.kind;
}

function describeValue(v: FilterValue): string {
  switch (v.kind) {
    case 'string':
      return `the string '${v.value}'`;
    case 'number':
      return `the number ${v.text}`;
    case 'boolean':
      return v.value ? 'TRUE' : 'FALSE';
    case 'parameter':
      return `the attribute @${v.name}`;
  }
}

function expectedValue(family: string): string {
  return family === 'string' ? "a 'string'" : family === 'number' ? 'a number' : 'TRUE or FALSE';
}

import type { CatalogOwner } from './catalog-owner';
import type { Classification } from './classification';
import { NAME_PATTERNS, defaultTableName } from './names';
import { SpecPath } from './problems';
import { SpecCheck } from './spec-check';
import { suggest } from './suggest';
import { checkFactValue } from '../abac/attributes';

/** A column of an output port's table. */
export interface ColumnSpec {
  readonly name: string;
  /** Glue/Hive type, e.g. `string`, `bigint`, `decimal(12,2)`, `timestamp`. */
  readonly type: string;
  readonly description?: string;
  /** Entity tags: facts about the content (`email`, `date_of_birth`), turned into classes by the scheme. */
  readonly tags?: readonly string[];
  /** Reason the column is deliberately left without entity tags (reviewed by the readiness rules). */
  readonly unclassified?: string;
}

/** The Glue table behind an output port. */
export interface TableSpec {
  /**
   * Glue table name.
   * @default - the port name with `-` replaced by `_`
   */
  readonly name?: string;
  /**
   * Storage format.
   * @default 'parquet'
   */
  readonly format?: 'parquet' | 'orc' | 'json' | 'csv';
  /** Partition columns (they are also readable columns). */
  readonly partitionKeys?: readonly ColumnSpec[];
  /**
   * Who creates the table: `external` for a table that exists already (dbt, Glue jobs, Spark),
   * which meshgrant then tags and grants by name without creating it.
   * @default - the owner of the product's catalog (`catalog.owner`)
   */
  readonly owner?: CatalogOwner;
}

/** What consumers read: a Glue table over S3 with a column schema. */
export interface OutputPortSpec {
  /** Lower-case name, unique in the product. */
  readonly name: string;
  readonly description?: string;
  /**
   * Data tags: facts about the table that global policies land on and `tagMatchesAttribute`
   * compares with. Hierarchical paths: a policy on `Cars` lands on a table tagged `Cars.Nissan`.
   * @default - none
   */
  readonly tags?: readonly string[];
  readonly table?: TableSpec;
  readonly columns: readonly ColumnSpec[];
}

/** A validated column with its classification worked out. */
export interface Column {
  readonly name: string;
  readonly type: string;
  readonly description?: string;
  /** Sorted entity tags. */
  readonly tags: readonly string[];
  readonly unclassified?: string;
  readonly partitionKey: boolean;
  /** Sorted classes derived from the tags. */
  readonly classes: readonly string[];
  /** Sensitivity level derived from the classes. */
  readonly level: string;
  /** Where the column is in the spec (under `columns`, or `table.partitionKeys` for a partition key), to locate findings. */
  readonly specPath: SpecPath;
}

/** A validated output port. */
export interface OutputPort {
  readonly name: string;
  readonly description?: string;
  readonly tableName: string;
  /** Sorted data tags of the table. */
  readonly tags: readonly string[];
  readonly format: 'parquet' | 'orc' | 'json' | 'csv';
  /** Who creates the table; an `external` one is tagged and granted by name only. */
  readonly owner: CatalogOwner;
  /** Data columns then partition keys, in declaration order. */
  readonly columns: readonly Column[];
}

/** Names of every readable column of a port, partition keys included. */
export function columnNames(port: OutputPortSpec | undefined): Set<string> {
  return new Set([...(port?.columns ?? []), ...(port?.table?.partitionKeys ?? [])].map((c) => c.name));
}

/** The table of a port: the one it names, or one named after the port. */
export function tableNameOf(port: OutputPortSpec): string {
  return port.table?.name ?? defaultTableName(port.name);
}

/** Checks a port's names, its columns and their entity tags. */
export function checkPort(
  check: SpecCheck,
  o: OutputPortSpec,
  path: SpecPath,
  who: string,
  classification: Classification | undefined,
): void {
  check.pattern(o.name, NAME_PATTERNS.port, [...path, 'name'], `${who}: port name`, 'lower case letters, digits, - or _');
  if (o.table?.name !== undefined)
    check.pattern(
      o.table.name,
      NAME_PATTERNS.table,
      [...path, 'table', 'name'],
      `${who}: table name`,
      'lower case letters, digits or _ (Glue names)',
    );
  (o.tags ?? []).forEach((t, i) => {
    const bad = checkFactValue(t, true);
    if (bad) check.add([...path, 'tags', i], `${who}: port ${o.name}: tag ${bad}`);
  });
  if (!o.columns || o.columns.length === 0) check.add([...path, 'columns'], `${who}: port ${o.name} has no columns`);
  const all = [
    ...(o.columns ?? []).map((c, i) => ({ c, p: [...path, 'columns', i] })),
    ...(o.table?.partitionKeys ?? []).map((c, i) => ({ c, p: [...path, 'table', 'partitionKeys', i] })),
  ];
  const seen = new Set<string>();
  for (const { c, p } of all) {
    check.pattern(
      c.name,
      NAME_PATTERNS.column,
      [...p, 'name'],
      `${who}: port ${o.name}: column name`,
      'lower case letters, digits or _ (Glue stores column names in lower case)',
    );
    if (seen.has(c.name)) check.add([...p, 'name'], `${who}: port ${o.name} declares column \`${c.name}\` twice`);
    seen.add(c.name);
    if (!c.type) check.add([...p, 'type'], `${who}: port ${o.name}: column ${c.name} has no type`);
    (c.tags ?? []).forEach((t, j) => {
      if (classification && classification.classOf(t) === undefined) {
        check.add(
          [...p, 'tags', j],
          `${who}: port ${o.name}: column ${c.name} has unknown entity tag \`${t}\``,
          suggest(t, classification.entities),
        );
      }
    });
  }
}

/**
 * The validated port of a checked spec (at `path`), each column with its classes, level and spec
 * path worked out; its table belongs to `owner` unless the port says otherwise.
 */
export function toOutputPort(o: OutputPortSpec, c: Classification, path: SpecPath, owner: CatalogOwner = 'meshgrant'): OutputPort {
  return {
    name: o.name,
    description: o.description,
    tableName: tableNameOf(o),
    tags: [...new Set(o.tags ?? [])].sort(),
    format: o.table?.format ?? 'parquet',
    owner: o.table?.owner ?? owner,
    columns: [
      ...o.columns.map((col, j): Column => ({ ...toColumn(c, col, false), specPath: [...path, 'columns', j] })),
      ...(o.table?.partitionKeys ?? []).map((col, j): Column => ({
        ...toColumn(c, col, true),
        specPath: [...path, 'table', 'partitionKeys', j],
      })),
    ],
  };
}

/** A column as the classification scheme sees it, wherever it is written. */
export type ClassifiedColumn = Omit<Column, 'specPath'>;

/** A column with its classes and level worked out by the classification scheme. */
export function toColumn(classification: Classification, spec: ColumnSpec, partitionKey: boolean): ClassifiedColumn {
  const tags = [...new Set(spec.tags ?? [])].sort();
  const classes = classification.classesOf(tags);
  return {
    name: spec.name,
    type: spec.type,
    description: spec.description,
    tags,
    unclassified: spec.unclassified,
    partitionKey,
    classes,
    level: classification.levelOfClasses(classes),
  };
}

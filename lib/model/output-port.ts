import { Classification } from './classification';

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
}

/** What consumers read: a Glue table over S3 with a column schema. */
export interface OutputPortSpec {
  /** Lower-case name, unique in the product. */
  readonly name: string;
  readonly description?: string;
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
}

/** A validated output port. */
export interface OutputPort {
  readonly name: string;
  readonly description?: string;
  readonly tableName: string;
  readonly format: 'parquet' | 'orc' | 'json' | 'csv';
  /** Data columns then partition keys, in declaration order. */
  readonly columns: readonly Column[];
}

/** A column with its classes and level worked out by the classification scheme. */
export function toColumn(classification: Classification, spec: ColumnSpec, partitionKey: boolean): Column {
  const tags = [...new Set(spec.tags ?? [])].sort();
  const classes = classification.classesOf(tags);
  return { name: spec.name, type: spec.type, description: spec.description, tags, unclassified: spec.unclassified, partitionKey, classes, level: classification.levelOfClasses(classes) };
}

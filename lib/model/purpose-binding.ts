import { SpecPath } from './problems';

/**
 * A product's owner binds it to a purpose: the purpose's members may read the listed ports,
 * limited to the columns the binding names and the classes the purpose allows, and to the rows
 * of the filter.
 */
export interface PurposeBindingSpec {
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
  readonly specPath: SpecPath;
}

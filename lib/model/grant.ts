import { SpecPath } from './problems';
import { AccessLevel, ProductRoleName } from './product-role';

/**
 * Access of one product role (or of a consuming product) to one output port.
 * Exactly one of `role` and `consumer` is set.
 */
export interface GrantSpec {
  /** A role of this product. */
  readonly role?: ProductRoleName;
  /**
   * Another product (`<domain>.<product>`) whose Engineer role reads this port through an input
   * port; the consuming product must declare that input port.
   */
  readonly consumer?: string;
  /** Output port of this product. */
  readonly port: string;
  /** `read`, `write` (Engineers and Owners) or `admin` (Owners). */
  readonly level: AccessLevel;
  /**
   * Read grants only: the columns readable through the grant.
   * @default - every column the grantee's clearance allows
   */
  readonly columns?: readonly string[];
  /**
   * Read grants only: a row filter (a static PartiQL condition, e.g. `country = 'FR'`).
   * @default - all rows
   */
  readonly rows?: string;
}

/** Who a grant is for. */
export type Grantee =
  | { readonly kind: 'role'; readonly role: ProductRoleName }
  | { readonly kind: 'consumer'; readonly product: string };

/** A validated grant. */
export interface Grant {
  readonly grantee: Grantee;
  readonly port: string;
  readonly level: AccessLevel;
  /** Sorted, when the grant restricts columns. */
  readonly columns?: readonly string[];
  readonly rows?: string;
  /** Where the grant is in the spec (`['products', i, 'grants', j]`): access planned from it, and findings on it, point here. */
  readonly specPath: SpecPath;
}

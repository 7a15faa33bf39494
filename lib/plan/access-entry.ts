import type { SpecPath } from '../model/problems';
import type { AccessLevel, ProductRoleName } from '../model/product-role';
import type { NamedHolder } from './named-holder';
import type { PolicyPrincipal } from './policy-principal';

/** The path through which access is given: why a principal reads a table. */
export type AccessVia =
  /** A grant of the table's product to one of its own roles, or a code grant to any product role. */
  | { readonly kind: 'role'; readonly product: string; readonly role: ProductRoleName }
  /** A grant of the table's product to a consuming product, read by that product's Engineers. */
  | { readonly kind: 'consumer'; readonly product: string }
  /** A purpose binding of the table's product: the purpose's members read, for that purpose only. */
  | { readonly kind: 'purpose'; readonly purpose: string }
  /** A manual override of the table's product: its owner admits one named person, until a day (docs/lifecycle.md). */
  | { readonly kind: 'override'; readonly product: string; readonly user: string }
  /** Global subscriptions that landed on the table (names sorted): whoever meets their merged condition reads. */
  | { readonly kind: 'policy'; readonly policies: readonly string[] };

/**
 * The principal that holds access in an environment: a product role, the role of a purpose, or
 * a principal that global policies call for (a merged condition, a guarded way in, a segment).
 */
export type AccessHolder = NamedHolder | { readonly kind: 'policy'; readonly principal: PolicyPrincipal };

export type { NamedHolder };

/**
 * How Lake Formation enforces an entry:
 * - `tag-policy`: the table carries the holder's access tag, matched by one LF-tag policy grant per
 *   holder and level (whole tables of the holder's own product, or bound to its purpose; columns
 *   hidden by their classification tags);
 * - `named-columns`: SELECT on the readable columns, listed by name (`table_with_columns`);
 * - `data-cells-filter`: a data cells filter with the row filter and the readable columns, granted;
 * - `named-table`: the whole table, by name (writes to another product's table, from code only).
 */
export type AccessMechanism = 'tag-policy' | 'named-columns' | 'data-cells-filter' | 'named-table';

/**
 * Where in the spec an entry was declared: `['products', 0, 'grants', 2]` or
 * `['products', 0, 'purposes', 1]`. `mesh.locate(source.path)` gives the file, line and column
 * when the mesh was loaded from files (`products/payments.transactions.yaml`, `grants[2]`).
 */
export interface AccessSource {
  readonly path: SpecPath;
}

/** One principal's access to one table, as planned: who, why, which columns and rows, which permissions, how. */
export interface PlannedAccess {
  readonly environment: string;
  /** The principal holding the access. */
  readonly holder: AccessHolder;
  /** Why it holds it. */
  readonly via: AccessVia;
  /** Product and output port whose table is accessed. */
  readonly product: string;
  readonly port: string;
  readonly level: AccessLevel;
  /** Readable columns, sorted; never empty (access that would show no column is not planned). */
  readonly columns: readonly string[];
  /** Row filter (a static PartiQL condition); undefined means all rows. */
  readonly rows?: string;
  /** Lake Formation permissions the holder gets on the table (sorted), whatever the mechanism. */
  readonly permissions: readonly string[];
  /** True when the same permissions carry the grant option (Owners). */
  readonly grantable: boolean;
  readonly mechanism: AccessMechanism;
}

/** An entry of a mesh's access plan: planned access together with the spec declaration it comes from. */
export interface AccessEntry extends PlannedAccess {
  readonly source: AccessSource;
}

/** A stable key for a holder: `payments.transactions/analyst`, `purpose:fraud-detection` or `override:payments.transactions/li.wei`. */
export function holderKey(h: AccessHolder): string {
  switch (h.kind) {
    case 'role':
      return `${h.product}/${h.role}`;
    case 'purpose':
      return `purpose:${h.purpose}`;
    case 'override':
      return `override:${h.product}/${h.user}`;
    case 'policy':
      return `policy:${h.principal.id}`;
  }
}

/** The named principal that holds access given through `via`: consumers read through their Engineer role. */
export function holderOf(via: Exclude<AccessVia, { readonly kind: 'policy' }>): NamedHolder {
  switch (via.kind) {
    case 'role':
      return via;
    case 'consumer':
      return { kind: 'role', product: via.product, role: 'engineer' };
    case 'purpose':
    case 'override':
      return via;
  }
}

/** How a finding names the path: `the analyst role`, `consumer marketing.attribution`, `purpose fraud-detection` or `policy finance-reads`. */
export function viaName(via: AccessVia): string {
  switch (via.kind) {
    case 'role':
      return `the ${via.role} role`;
    case 'consumer':
      return `consumer ${via.product}`;
    case 'purpose':
      return `purpose ${via.purpose}`;
    case 'override':
      return `the override for ${via.user}`;
    case 'policy':
      return `policy ${via.policies.join(', ')}`;
  }
}

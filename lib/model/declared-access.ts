import { Classification } from './classification';
import { DataProduct } from './data-product';
import { Grant } from './grant';
import { Mesh } from './mesh';
import { GRANTABLE_LEVELS } from './permissions';
import { Column, OutputPort } from './output-port';
import { AccessLevel, ProductRoleName } from './product-role';
import { Purpose } from './purpose';

/** Who holds access: a product role, or everyone admitted to a purpose. */
export type AccessHolder =
  | { readonly kind: 'role'; readonly product: string; readonly role: ProductRoleName }
  | { readonly kind: 'purpose'; readonly purpose: string };

/** One line of declared access: a holder's access to one output port in one environment. */
export interface DeclaredAccess {
  readonly environment: string;
  readonly holder: AccessHolder;
  /** Product and port whose table is accessed. */
  readonly product: string;
  readonly port: string;
  readonly level: AccessLevel;
  /** Readable columns, sorted. */
  readonly columns: readonly string[];
  /** Row filter; undefined means all rows. */
  readonly rows?: string;
  /** Set when the access exists for a purpose only. */
  readonly purpose?: string;
  /** The grant option on the same permissions (Owners). */
  readonly grantable: boolean;
}

/** Columns a role with `clearance` may read, among `wanted` (all columns when undefined). */
export function columnsWithinClearance(
  classification: Classification,
  port: Pick<OutputPort, 'columns'>,
  clearance: string,
  wanted?: readonly string[],
): string[] {
  const max = classification.rank(clearance);
  return pick(port.columns, wanted, (c) => classification.rank(c.level) <= max);
}

/**
 * The clearance a grant of `product` reads with: its role's, and for a consuming product this
 * product's Analyst clearance (sharing beyond that needs a purpose, which has an approver).
 */
export function grantClearance(product: DataProduct, grant: Grant): string {
  return product.roles[grant.grantee.kind === 'role' ? grant.grantee.role : 'analyst'].clearance;
}

/** Columns a consuming product's Engineers read through a consumer grant, within {@link grantClearance}. */
export function consumerColumns(classification: Classification, product: DataProduct, port: OutputPort, grant: Grant): string[] {
  return columnsWithinClearance(classification, port, grantClearance(product, grant), grant.columns);
}

/** Columns a purpose may read: its classes allow every class of the column. */
export function columnsForPurpose(port: Pick<OutputPort, 'columns'>, purpose: Pick<Purpose, 'allowedClasses'>, wanted?: readonly string[]): string[] {
  return pick(port.columns, wanted, (c) => c.classes.every((k) => purpose.allowedClasses.includes(k)));
}

function pick(columns: readonly Column[], wanted: readonly string[] | undefined, allowed: (c: Column) => boolean): string[] {
  return columns
    .filter((c) => (wanted === undefined || wanted.includes(c.name)) && allowed(c))
    .map((c) => c.name)
    .sort();
}

/**
 * Everything the mesh declares, as effective access per environment, holder and port: the
 * meaning of the spec, independent of how it is deployed. Sorted deterministically.
 */
export function declaredAccess(mesh: Mesh): DeclaredAccess[] {
  const out: DeclaredAccess[] = [];
  for (const env of mesh.environments) {
    for (const product of mesh.productsIn(env.name)) {
      out.push(...productAccess(mesh, product, env.name));
    }
  }
  return out.sort(compareAccess);
}

function productAccess(mesh: Mesh, product: DataProduct, environment: string): DeclaredAccess[] {
  const out: DeclaredAccess[] = [];
  const port = (name: string) => product.outputPorts.find((p) => p.name === name)!;
  for (const g of product.grants) {
    const p = port(g.port);
    if (g.grantee.kind === 'role') {
      const role = product.roles[g.grantee.role];
      out.push({
        environment,
        holder: { kind: 'role', product: product.id, role: role.name },
        product: product.id,
        port: p.name,
        level: g.level,
        columns: columnsWithinClearance(mesh.classification, p, grantClearance(product, g), g.columns),
        rows: g.rows,
        grantable: GRANTABLE_LEVELS.includes(g.level),
      });
    } else if (mesh.product(g.grantee.product).promotedTo.includes(environment)) {
      // Only in the environments the consumer has reached.
      out.push({
        environment,
        holder: { kind: 'role', product: g.grantee.product, role: 'engineer' },
        product: product.id,
        port: p.name,
        level: 'read',
        columns: consumerColumns(mesh.classification, product, p, g),
        rows: g.rows,
        grantable: false,
      });
    }
  }
  for (const b of product.purposes) {
    const purpose = mesh.purpose(b.purpose);
    for (const name of b.ports) {
      const p = port(name);
      out.push({
        environment,
        holder: { kind: 'purpose', purpose: purpose.name },
        product: product.id,
        port: name,
        level: 'read',
        columns: columnsForPurpose(p, purpose, b.columns),
        rows: b.rows,
        purpose: purpose.name,
        grantable: false,
      });
    }
  }
  // A grant whose every column is hidden (by clearance or purpose classes) gives no access at all.
  return out.filter((a) => a.columns.length > 0);
}

/** A stable key for a holder: `payments.transactions/analyst` or `purpose:fraud-detection`. */
export function holderKey(h: AccessHolder): string {
  return h.kind === 'role' ? `${h.product}/${h.role}` : `purpose:${h.purpose}`;
}

function compareAccess(a: DeclaredAccess, b: DeclaredAccess): number {
  const ka = `${a.environment}\u0000${holderKey(a.holder)}\u0000${a.product}\u0000${a.port}`;
  const kb = `${b.environment}\u0000${holderKey(b.holder)}\u0000${b.product}\u0000${b.port}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

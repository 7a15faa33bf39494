import type { DataProduct } from '../../model/data-product';
import type { DeclaredAccess } from '../../model/declared-access';
import type { Mesh } from '../../model/mesh';
import type { SpecPath } from '../../model/problems';

/**
 * Spec path of a column of a product's output port. The model lists data columns then partition
 * keys; the spec keeps partition keys under `table.partitionKeys`.
 */
export function columnPath(product: DataProduct, portIndex: number, columnIndex: number): SpecPath {
  const port = product.outputPorts[portIndex];
  const dataColumns = port.columns.filter((c) => !c.partitionKey).length;
  const portPath = [...product.specPath, 'outputPorts', portIndex];
  return columnIndex < dataColumns
    ? [...portPath, 'columns', columnIndex]
    : [...portPath, 'table', 'partitionKeys', columnIndex - dataColumns];
}

/** Renders a list of names for a message: `a`, `b` and `c`. */
export function listNames(names: readonly string[]): string {
  const quoted = names.map((n) => `\`${n}\``);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/**
 * Spec path of what declares an access: the grant of a role or consumer, or the purpose binding.
 * The model keeps grants and bindings in spec order, so indexes are spec indexes.
 */
export function accessPath(mesh: Mesh, access: DeclaredAccess): SpecPath {
  const product = mesh.product(access.product);
  const h = access.holder;
  if (h.kind === 'purpose') {
    return [...product.specPath, 'purposes', product.purposes.findIndex((b) => b.purpose === h.purpose)];
  }
  const index = product.grants.findIndex((g) =>
    g.port === access.port &&
    (h.product === product.id
      ? g.grantee.kind === 'role' && g.grantee.role === h.role
      : g.grantee.kind === 'consumer' && g.grantee.product === h.product));
  return [...product.specPath, 'grants', index];
}

/** `analyst of payments.transactions`, `consumer marketing.attribution` or `purpose fraud-detection`. */
export function holderName(access: DeclaredAccess): string {
  const h = access.holder;
  if (h.kind === 'purpose') return `purpose ${h.purpose}`;
  return h.product === access.product ? `the ${h.role} role` : `consumer ${h.product}`;
}

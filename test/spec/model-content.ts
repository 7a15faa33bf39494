import { DataProduct, Mesh } from '../../lib';

/** A mesh's content without where it came from: spec paths differ when products come from files in name order. */
export function modelContent(mesh: Mesh) {
  const { name, classification, environments, domains, purposes, products, policy, attributes } = mesh;
  return {
    attributes,
    policies: mesh.policies.map(({ specPath: _p, ...rest }) => rest),
    name,
    classification,
    environments,
    domains,
    policy,
    purposes: purposes.map(({ specPath: _p, ...rest }) => rest),
    products: products.map(productContent),
  };
}

/** A product without its spec path, nor those of its columns, grants and purpose bindings. */
function productContent({ specPath: _p, outputPorts, grants, purposes, ...rest }: DataProduct) {
  return {
    ...rest,
    outputPorts: outputPorts.map((o) => ({ ...o, columns: o.columns.map(({ specPath: _c, ...column }) => column) })),
    grants: grants.map(({ specPath: _g, ...grant }) => grant),
    purposes: purposes.map(({ specPath: _b, ...binding }) => binding),
  };
}

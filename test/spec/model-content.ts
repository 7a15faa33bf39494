import { Mesh } from '../../lib';

/** A mesh's content without where it came from: spec paths differ when products come from files in name order. */
export function modelContent(mesh: Mesh) {
  const { name, classification, environments, domains, purposes, products, policy } = mesh;
  return {
    name,
    classification,
    environments,
    domains,
    policy,
    purposes: purposes.map(({ specPath: _p, ...rest }) => rest),
    products: products.map(({ specPath: _p, ...rest }) => rest),
  };
}

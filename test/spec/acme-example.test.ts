import { Mesh, buildMesh } from '../../lib';
import { loadMesh } from '../../lib/spec';
import { acmeMeshSpec } from '../../examples/acme-mesh';

/** The model's content, without where it came from (spec paths differ: YAML lists products by file name). */
function content(mesh: Mesh) {
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

describe('examples/acme', () => {
  it('loads from YAML to the same model as examples/acme-mesh.ts', () => {
    expect(content(loadMesh('examples/acme'))).toEqual(content(buildMesh(acmeMeshSpec)));
  });

  it('locates model objects in their files', () => {
    const mesh = loadMesh('examples/acme');
    const product = mesh.product('payments.transactions');
    expect(mesh.locate([...product.specPath, 'grants', 6, 'consumer'])).toEqual({ file: 'examples/acme/products/payments.transactions.yaml', line: 51, column: 15 });
    expect(mesh.locate(['environments', 1, 'account'])?.file).toBe('examples/acme/environments.yaml');
  });
});

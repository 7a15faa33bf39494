import { buildMesh } from '../../lib';
import { loadMesh } from '../../lib/spec';
import { acmeMeshSpec } from '../../examples/acme-mesh';
import { modelContent } from './model-content';

describe('examples/acme', () => {
  it('loads from YAML to the same model as examples/acme-mesh.ts', () => {
    expect(modelContent(loadMesh('examples/acme'))).toEqual(modelContent(buildMesh(acmeMeshSpec)));
  });

  it('locates model objects in their files', () => {
    const mesh = loadMesh('examples/acme');
    const product = mesh.product('payments.transactions');
    expect(mesh.locate([...product.specPath, 'grants', 6, 'consumer'])).toEqual({
      file: 'examples/acme/products/payments.transactions.yaml',
      line: 55,
      column: 15,
    });
    expect(mesh.locate(['environments', 1, 'account'])?.file).toBe('examples/acme/environments.yaml');
  });
});

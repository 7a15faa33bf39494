import { createHash } from 'crypto';
import { buildMesh } from '../../lib';
import { acmeMeshSpec } from '../../examples/acme-mesh';
import { generateMeshSpec } from '../../bench/generator';
import { synthEnvironment } from '../helpers/synth';

/**
 * Refactoring guard: the example's and a benchmark mesh's stacks, pinned by hash. A change that
 * means to change what is synthesized updates these pins in the same commit and says why; any
 * other change must leave them as they are.
 */
const PINS: Record<string, string> = {
  'acme/dev': '3d2b71220c8da64a14390fbb6c4889b413939b92152021447c2b760d30425c32',
  'acme/prod': '41ad8be4fe5a28c36f8f9027b7d0d8541769b45f7164e8fca62bd73e3e82444d',
  'bench50/dev': '90196e45a39cbaa3fa97b903d160d870c6007a5e8d7d7fea562c05239edb0579',
  'bench50/prod': 'af3023d93bd2aac8cea7de1d386962110697572213fe561f3354fd9df9006b78',
};

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('synthesized output is pinned', () => {
  const meshes = {
    acme: buildMesh(acmeMeshSpec),
    bench50: buildMesh(generateMeshSpec({ products: 50, environments: 2, seed: 7 })),
  };
  for (const [label, mesh] of Object.entries(meshes)) {
    for (const environment of mesh.environments.map((e) => e.name)) {
      it(`${label} ${environment} is byte-identical to its pin`, () => {
        expect(sha256(synthEnvironment(mesh, environment))).toBe(PINS[`${label}/${environment}`]);
      });
    }
  }
});

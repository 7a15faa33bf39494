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
  'acme/dev': 'c3b5fb2787de162665fb7bc913fb6ce87d54f45c7d0aaedcc6d35c7ac4c5228d',
  'acme/prod': '1bbb39012b42c590ff054966826115ab90d46fa24328d39406d02fb7eb7853f0',
  'bench50/dev': '27b68210f7fe6d3d05bf7d8d3c749ac9a116cf6dfced63160540fc20f6487df5',
  'bench50/prod': '70ea47c47a77e79aa9e635d90b27017d74370ed1c625945301d5da29cef4d94a',
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

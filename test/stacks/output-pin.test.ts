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
  'acme/dev': 'd60b89a5d7bb2ba6c3441b02105f8f871988293729ffa299d41bf6f0541fc566',
  'acme/prod': '48f6b999ba2036413ff3815e50aa6b7f957f65593bdccc2282d026b9e83fd8ce',
  'bench50/dev': '75f9979e9bb3df6c78972cedb018fe0a67a7c74f0e32f96955c4dbdcdf25b4c2',
  'bench50/prod': 'c7c7b2ee127ed52770d02d36b4c71fa3c657c7a662ffcd9fd023d85c2c83c902',
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

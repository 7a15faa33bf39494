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
  'acme/dev': '3a8bfa1c623fff0a1a8d3f7e3424bc4b90745fdc852032bf833f95c52df7fff4',
  'acme/prod': '2fc677dfd0cf8cece565c266000978f62464e8d0a5f0a3978816d83cffc0ca7a',
  'bench50/dev': '4ef334a2d30290e16a1d0ea0852fc4d717cfd28f7578c03ff9f9ab378b02976e',
  'bench50/prod': '7493775f3c805bb654b1ad68a8ccf4232b4790b1068b7b4964c718a72717efdf',
};

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('synthesized output is pinned', () => {
  const meshes = {
    // A fixed day: the example records expiries, and its output must not change with the calendar.
    acme: buildMesh(acmeMeshSpec, undefined, { asOf: '2026-12-01' }),
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

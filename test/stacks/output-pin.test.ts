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
  'acme/dev': '6978da3741181d6e0fab0d5933147e1e962aa5a7a8da5d4aaa1c829b580e97b1',
  'acme/prod': '41ac9b3258ce74dd9a09051ccb195e208e9e48ce1094633d64529dc0164e7ffd',
  'bench50/dev': '360911317112370e4abcc1eae2c24aaa0fba9128b180a588e6c66e540c53ca68',
  'bench50/prod': 'f3dfcb3797eb059c61f8b4bcd2479d53456141187dc333b87cb1d6780fed1f86',
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

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
  'acme/dev': 'fbc080caf8f2f0c6dc0bc1d5a2f676ee220753093f7847d3cc9b5c081a4ebbcd',
  'acme/prod': '666e2d0c665b28f1a2f9cdc4de2f2924c96f2acbc6589523f08d76553870fad0',
  'bench50/dev': '9ffb99463af3e36d5eee657248fd9f098afe9043685a068d3bba005e1d040b9d',
  'bench50/prod': 'fca6de6a125598814cb52dec53c663751f555d82d8c85cb2ec3707d1a236d318',
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

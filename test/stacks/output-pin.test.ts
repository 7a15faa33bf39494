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
  'acme/dev': '4835c6b6c6215392814cc04f1be8a6e434101f3a887ac6daa15e719fa268ce0f',
  'acme/prod': '1536769a658b4ff87f22f2553e0a300878464ab10c785669c8af4674bf0333f7',
  'bench50/dev': 'a0bbf6fd40da8fc9645a003fb69d7c4ca58d6bfe492960d51491bc1a40ff48dd',
  'bench50/prod': '20647f6501d7093946de727136413c5498b8cb04ec93994620b78cdc2390548f',
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

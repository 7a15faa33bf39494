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
  'acme/dev': '639ebf447b9673c2fb803f9299208590ee4691d567f7a00964495fb62201c622',
  'acme/prod': '65fd6fa2b491a5a4f5e8f70a616051e0c12bcb9063442ee76719497369cec244',
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

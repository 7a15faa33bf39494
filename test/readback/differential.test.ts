import { exampleSpec } from '../helpers/synth';
import * as fc from 'fast-check';
import { MeshSpec, buildMesh } from '../../lib';
import { declaredRows, synthesizeAndRead } from './access-rows';
import { meshSpecArb } from './mesh-generator';

/** The example without its global policies: reading back their principals is not part of this test. */
const acmeRolesSpec = exampleSpec();

/** The spec with every environment split per domain: a foundation stack and a stack per domain. */
function perDomain(spec: MeshSpec): MeshSpec {
  return { ...spec, environments: spec.environments.map((e) => ({ ...e, stacks: 'per-domain' as const })) };
}

/**
 * The constructs grant exactly what the mesh declares: effective access read back from the
 * synthesized Terraform equals declared access, for every environment, role, purpose, table,
 * column, row filter, permission and grant option, and the members who may assume each role.
 */
describe('effective access read back from synthesis equals declared access', () => {
  it('for the example mesh', () => {
    const mesh = buildMesh(acmeRolesSpec);
    expect(synthesizeAndRead(mesh)).toEqual(declaredRows(mesh));
  });

  it('for the example split per domain', () => {
    const mesh = buildMesh(perDomain(acmeRolesSpec));
    expect(synthesizeAndRead(mesh)).toEqual(declaredRows(mesh));
  });

  it('for the example with the consumer marketing.attribution still in dev only', () => {
    // payments.transactions (dev, prod) grants its consumer, which has no roles in prod yet.
    const products = acmeRolesSpec.products!.map((p) => (p.id === 'marketing.attribution' ? { ...p, promotedTo: ['dev'] } : p));
    const mesh = buildMesh({ ...acmeRolesSpec, products });
    expect(synthesizeAndRead(mesh)).toEqual(declaredRows(mesh));
  });

  // Each environment of a random mesh is split per domain or not: both shapes, and one of each.
  it('for 200 random meshes', () => {
    fc.assert(
      fc.property(meshSpecArb, (spec) => {
        const mesh = buildMesh(spec);
        expect(synthesizeAndRead(mesh)).toEqual(declaredRows(mesh));
      }),
      { numRuns: 200 },
    );
  });
});

import { exampleSpec } from '../helpers/synth';
import * as fc from 'fast-check';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildMesh, checkPolicies } from '../../lib';
import { readAccessReport } from '../../lib/readback';
import { synthesizeMesh } from '../../stacks/synthesize';
import { meshSpecArb } from './mesh-generator';

/** The example without its global policies: reading back their principals is not part of this test. */
const acmeRolesSpec = exampleSpec();

/**
 * Readback fails closed on what it does not understand (test/fixtures/hostile/readback-*), so
 * it must understand everything meshgrant writes: otherwise every gate would fail on a valid mesh.
 */
describe('readback understands every stack meshgrant synthesizes', () => {
  const problemsOf = (spec: Parameters<typeof buildMesh>[0]) => {
    const mesh = buildMesh(spec);
    const outdir = mkdtempSync(join(tmpdir(), 'meshgrant-understood-'));
    try {
      synthesizeMesh(mesh, { outdir, policy: { ...checkPolicies(mesh), findings: [] } });
      return readAccessReport(outdir).problems;
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  };

  it('for the example mesh', () => {
    expect(problemsOf(acmeRolesSpec)).toEqual([]);
  });

  it('for 25 random meshes', () => {
    fc.assert(
      fc.property(meshSpecArb, (spec) => {
        expect(problemsOf(spec)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});

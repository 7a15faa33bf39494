import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { acmeMeshSpec } from '../../examples/acme-mesh';
import { MeshSpec, buildMesh } from '../../lib';
import { readAccess } from '../../lib/readback';
import { diffAccess } from '../../lib/reports/access-diff';
import { synthEnvironment } from '../helpers/synth';

/** The example's dev stack, synthesized into `dir` as `cdktf synth` lays it out. */
function synthDev(spec: MeshSpec, dir: string): string {
  const mesh = buildMesh(spec, undefined, { asOf: '2026-12-01' });
  mkdirSync(join(dir, 'stacks', 'acme-dev'), { recursive: true });
  writeFileSync(join(dir, 'stacks', 'acme-dev', 'cdk.tf.json'), synthEnvironment(mesh, 'dev'));
  return dir;
}

describe('diff of a one-line global policy change', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'meshgrant-policy-diff-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the principals of that policy, whose members widen, and no access lost and found again', () => {
    // payments-readers admits audit too (a value the attribute now declares).
    const widened = structuredClone(acmeMeshSpec) as MeshSpec;
    const department = (widened.attributes ?? []).find((a) => a.name === 'department') as unknown as { values: string[] };
    department.values = [...department.values, 'audit'];
    const policy = (widened.policies ?? []).find((p) => p.name === 'payments-readers')!;
    (policy.allow as { attributes: Record<string, string[]> }).attributes.department = ['audit', 'finance', 'risk'];

    const diff = diffAccess(readAccess(synthDev(acmeMeshSpec, join(dir, 'old'))), readAccess(synthDev(widened, join(dir, 'new'))));

    expect(diff.changes).toEqual([]);
    expect(diff.widens).toBe(true);
    // Every principal whose merged condition holds payments-readers, and only those.
    expect(diff.members.length).toBeGreaterThan(0);
    for (const m of diff.members) {
      expect(m.principal).toMatch(/^policy:(.+\+)?payments-readers(\+.+)?(\[.*\])?$/);
      expect(m.members.gained.join()).toContain('department~audit|finance|risk');
      expect(m.members.lost.join()).toContain('department~finance|risk');
    }
  }, 120_000);
});

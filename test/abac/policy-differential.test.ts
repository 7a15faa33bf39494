import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { acmeMeshSpec } from '../../examples/acme-mesh';
import { Mesh, accessPlan, buildMesh } from '../../lib';
import { DirectoryPerson, loadDirectory } from '../../lib/directory';
import { policyPrincipalTrust } from '../../lib/aws/policy-trust';
import { readAccessReport } from '../../lib/readback';
import { EnvironmentStack } from '../../stacks/environment-stack';
import { synthesisApp } from '../../stacks/synthesize';
import { PersonAccess, declaredPersonAccess, readBackPersonAccess } from './person-access';
import { generatePolicyMesh } from './policy-mesh-generator';

/**
 * Acceptance of issue 12: readback interprets everything global policies synthesize, and what
 * each person of a generated directory may read (tables, columns, rows, permissions), read back
 * from the synthesized Terraform through the trust policies, equals what the model says
 * (test/abac/person-access.ts), over random attributes, tags and policies (both merge modes, row
 * policies with exceptions, hierarchical and multi-valued values). Meshes whose conditions the
 * AWS target refuses (aws/policy-trust-enforceable) are counted, not compared: refusing is the
 * correct outcome for them, and they must stay a minority.
 */
const MESHES = 200;

interface Outcome {
  readonly refused: boolean;
  readonly declared?: PersonAccess;
  readonly readBack?: PersonAccess;
  readonly problems?: readonly string[];
}

/** True when a principal the policies call for cannot be admitted by a trust policy (what aws/policy-trust-enforceable reports). */
function refused(mesh: Mesh): boolean {
  return accessPlan(mesh).some(
    (e) =>
      e.holder.kind === 'policy' && 'refused' in policyPrincipalTrust(e.holder.principal, mesh.attributes, mesh.environment(e.environment)),
  );
}

function run(seed: number): Outcome {
  const { spec, directory } = generatePolicyMesh(seed);
  const mesh = buildMesh(spec);
  if (refused(mesh)) return { refused: true };
  const outdir = mkdtempSync(join(tmpdir(), 'meshgrant-abac-'));
  try {
    // Without governance findings: random meshes break readiness rules, which change no access.
    const app = synthesisApp(outdir);
    for (const env of mesh.environments) new EnvironmentStack(app, `${mesh.name}-${env.name}`, { mesh, environment: env.name });
    app.synth();
    const report = readAccessReport(outdir);
    return {
      refused: false,
      declared: declaredPersonAccess(mesh, directory),
      readBack: readBackPersonAccess(mesh, report, directory),
      problems: [...report.problems.map((p) => p.message), ...report.blocked.map((b) => `blocked: ${b.access.principal.roleName}`)],
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const asObject = (access: PersonAccess | undefined) => Object.fromEntries(access ?? []);

describe('per-person access to random meshes with global policies, read back from synthesis, equals the model', () => {
  it(`finds zero mismatches over ${MESHES} meshes`, () => {
    let compared = 0;
    let refused = 0;
    let people = 0;
    for (let seed = 1; compared < MESHES; seed++) {
      const outcome = run(seed);
      if (outcome.refused) {
        refused++;
        continue;
      }
      compared++;
      people += outcome.declared!.size;
      expect({ seed, problems: outcome.problems }).toEqual({ seed, problems: [] });
      expect({ seed, access: asObject(outcome.readBack) }).toEqual({ seed, access: asObject(outcome.declared) });
    }
    // The generated meshes exercise access: most compare many person-table decisions, few are refused.
    expect(people).toBeGreaterThan(MESHES * 5);
    expect(refused).toBeLessThan(MESHES / 2);
  });
});

describe('per-person access to the example mesh with its global policies', () => {
  it('read back from synthesis equals the model for every person of the example directory', () => {
    const mesh = buildMesh(acmeMeshSpec, undefined, { asOf: '2026-12-01' });
    const scim = loadDirectory(['test/fixtures/directory/users.json', 'test/fixtures/directory/groups.json'], {
      attributes: new Map(mesh.attributes.map((a) => [a.name, a])),
    });
    // The SCIM fixture holds departments and countries only; these people hold every attribute the policies test.
    const policyPeople: DirectoryPerson[] = [
      {
        name: 'fin.fr',
        groups: ['payments-analysts'],
        attributes: { businessLine: ['retail'], country: ['FR'], department: ['finance'], trainings: ['pci', 'privacy'] },
      },
      {
        name: 'risk.us',
        groups: ['fraud-analysts'],
        attributes: { businessLine: ['corporate'], country: ['US'], department: ['risk'], trainings: ['privacy'] },
      },
      {
        name: 'line.de',
        groups: ['marketing-analysts'],
        attributes: { businessLine: ['retail.online'], country: ['DE'], department: ['marketing'] },
      },
      { name: 'log.de', groups: [], attributes: { country: ['DE'], department: ['logistics'] } },
      { name: 'log.us', groups: ['payments-analysts'], attributes: { country: ['US'], department: ['logistics'], trainings: ['pci'] } },
    ];
    const directory = { people: [...scim.people, ...policyPeople].sort((a, b) => (a.name < b.name ? -1 : 1)) };
    const outdir = mkdtempSync(join(tmpdir(), 'meshgrant-abac-acme-'));
    try {
      const app = synthesisApp(outdir);
      for (const env of mesh.environments) new EnvironmentStack(app, `${mesh.name}-${env.name}`, { mesh, environment: env.name });
      app.synth();
      const report = readAccessReport(outdir);
      expect(report.problems).toEqual([]);
      const declared = declaredPersonAccess(mesh, directory);
      // Global policies shape what people read: some read by subscription or through a segment.
      expect([...declared.values()].flat().some((v) => v.rows.some((r) => r.startsWith('country = ')))).toBe(true);
      expect(asObject(readBackPersonAccess(mesh, report, directory))).toEqual(asObject(declared));
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

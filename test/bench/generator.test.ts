import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App } from '../../constructs/cdktf';
import { buildMesh } from '../../lib/model';
import { accessPlan } from '../../lib/plan';
import { checkPolicies } from '../../lib/policy/check-policies';
import { EffectiveAccess, readAccess } from '../../lib/readback';
import { synthesizeMesh } from '../../stacks/synthesize';
import { BaselineStack } from '../../bench/baseline/baseline-stack';
import { generateMeshSpec } from '../../bench/generator';

describe('benchmark mesh generator', () => {
  it('gives the same spec for the same seed, and another for another seed', () => {
    const shape = { products: 40, environments: 3, seed: 7 } as const;
    expect(generateMeshSpec(shape)).toEqual(generateMeshSpec(shape));
    expect(generateMeshSpec({ ...shape, seed: 8 })).not.toEqual(generateMeshSpec(shape));
  });

  it.each([
    [1, 2],
    [12, 2],
    [60, 3],
    [300, 2],
  ] as const)('generates a valid mesh of %i products in %i environments', (products, environments) => {
    const mesh = buildMesh(generateMeshSpec({ products, environments }));
    expect(mesh.products).toHaveLength(products);
    expect(mesh.environments).toHaveLength(environments);
  });

  it.each([
    [50, 2],
    [60, 3],
    [300, 2],
  ] as const)(
    'with global policies, generates a mesh of %i products in %i environments that passes the policy checks',
    (products, environments) => {
      const spec = generateMeshSpec({ products, environments, policies: true });
      const mesh = buildMesh(spec);
      expect(mesh.policies.map((p) => p.kind)).toEqual(['subscription', 'subscription', 'row-policy']);
      expect(checkPolicies(mesh).findings.filter((f) => f.severity === 'error')).toEqual([]);
      // The rest of the mesh is the one without policies.
      const { attributes, policies, policy, ...rest } = spec;
      const { policy: plain, ...without } = generateMeshSpec({ products, environments });
      expect(rest).toEqual(without);
      expect(attributes).toHaveLength(2);
      expect(policies).toHaveLength(3);
      expect(policy?.suppressions?.slice(0, plain?.suppressions?.length)).toEqual(plain?.suppressions);
    },
  );

  it('has the mix the benchmark claims', () => {
    const spec = generateMeshSpec({ products: 200, environments: 2 });
    const products = spec.products ?? [];
    const columns = products.flatMap((p) => p.outputPorts.flatMap((o) => o.columns));
    const pii = columns.filter((c) =>
      (c.tags ?? []).some((t) => ['email', 'full_name', 'date_of_birth', 'phone_number', 'postal_address'].includes(t)),
    );
    expect(pii.length / columns.length).toBeGreaterThan(0.15);
    expect(pii.length / columns.length).toBeLessThan(0.25);
    expect(products.every((p) => p.outputPorts.length >= 1 && p.outputPorts.length <= 4)).toBe(true);
    expect(products.some((p) => p.promotedTo.length === 1)).toBe(true);
    expect(products.some((p) => (p.inputPorts ?? []).length > 0)).toBe(true);
    expect(products.some((p) => (p.purposes ?? []).some((b) => b.columns !== undefined))).toBe(true);
    expect(products.some((p) => (p.purposes ?? []).some((b) => b.rows !== undefined))).toBe(true);
    expect(products.some((p) => (p.grants ?? []).some((g) => g.consumer !== undefined && g.rows !== undefined))).toBe(true);
    expect(products.some((p) => (p.roles?.analyst?.members?.attributes ?? []).length > 0)).toBe(true);
    expect(spec.purposes?.length).toBeGreaterThanOrEqual(3);
  });
});

describe('hand-written L1 baseline', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'meshgrant-bench-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['without-policies', { products: 30, environments: 3, seed: 3 }],
    ['with-policies', { products: 30, environments: 2, seed: 3, policies: true }],
  ] as const)(
    'grants the same effective access as meshgrant, read back from both outputs, %s',
    (label, shape) => {
      mkdirSync(join(dir, label));
      const mesh = buildMesh(generateMeshSpec(shape));
      synthesizeMesh(mesh, { outdir: join(dir, label, 'ours') });
      const app = new App({ outdir: join(dir, label, 'baseline'), stackTraces: false });
      const access = accessPlan(mesh);
      for (const env of mesh.environments) new BaselineStack(app, `${mesh.name}-${env.name}`, { mesh, environment: env.name, access });
      app.synth();

      const ours = comparable(readAccess(join(dir, label, 'ours')));
      expect(ours).toHaveLength(access.filter((a) => a.columns.length > 0).length);
      expect(comparable(readAccess(join(dir, label, 'baseline')))).toEqual(ours);
    },
    180_000,
  );
});

/** What must match: who reads which columns and rows of which table, with which permissions. */
function comparable(access: readonly EffectiveAccess[]) {
  return access
    .map((a) => ({
      environment: a.environment,
      principal: a.principal.arn,
      members: a.principal.members,
      table: `${a.database}.${a.table}`,
      columns: a.columns,
      rows: a.rows,
      // Lake Formation takes only SELECT on a column list; it lets the grantee describe those columns.
      permissions: a.permissions.length === 1 && a.permissions[0] === 'SELECT' ? ['DESCRIBE', 'SELECT'] : a.permissions,
      grantable: a.grantable,
    }))
    .sort((x, y) => `${x.environment} ${x.principal} ${x.table}`.localeCompare(`${y.environment} ${y.principal} ${y.table}`));
}

import { exampleSpec } from '../helpers/synth';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EffectiveAccess, buildMesh } from '../../lib';
import { readAccess } from '../../lib/readback';
import { readStacks } from '../../lib/readback/terraform-stack';
import { synthesizeMesh } from '../../stacks/synthesize';

/** The example without its global policies: reading back their principals is not part of this test. */
const acmeRolesSpec = exampleSpec();

/** Acceptance: what the example mesh deploys, read back from its Terraform, matches its spec. */
describe('access read back from the example mesh', () => {
  let outdir: string;
  let access: EffectiveAccess[];

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'meshgrant-example-'));
    synthesizeMesh(buildMesh(acmeRolesSpec), { outdir });
    access = readAccess(outdir);
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  const who = (entries: EffectiveAccess[]) =>
    [
      ...new Set(
        entries.map((a) =>
          a.principal.override !== undefined
            ? `override:${a.principal.override.user}`
            : (a.principal.purpose ?? `${a.principal.product}/${a.principal.role}`),
        ),
      ),
    ].sort();
  const readingPii = (env: string) =>
    access.filter((a) => a.environment === env && Object.values(a.columnClasses ?? {}).some((cs) => cs.includes('pii')));

  it("lets only the engineers and owners of the PII products, fraud detection, and the owner's override for one person read PII in prod", () => {
    expect(who(readingPii('prod'))).toEqual([
      'customers.profiles/engineer',
      'customers.profiles/owner',
      'fraud-detection',
      'override:omar.haddad',
      'payments.transactions/engineer',
      'payments.transactions/owner',
    ]);
  });

  it('shows fraud detection exactly the PII columns of profiles and transactions in prod, without card numbers', () => {
    const fraud = readingPii('prod').filter((a) => a.purpose === 'fraud-detection');
    expect(fraud.map((a) => [a.table, Object.keys(a.columnClasses!).filter((c) => a.columnClasses![c].includes('pii'))])).toEqual([
      ['profiles', ['date_of_birth', 'email', 'full_name']],
      ['transactions', ['customer_email']],
    ]);
    expect(fraud.flatMap((a) => a.columns)).not.toContain('card_number');
  });

  it('never lets analysts, marketing analytics or finance reporting read PII', () => {
    const readers = who([...readingPii('dev'), ...readingPii('prod')]);
    expect(readers.filter((r) => r.endsWith('/analyst') || r === 'marketing-analytics' || r === 'finance-reporting')).toEqual([]);
  });

  it('deploys the dev-only product logistics.shipments in dev and not in prod', () => {
    const shipments = (env: string) => access.filter((a) => a.environment === env && a.product === 'logistics.shipments');
    expect(who(shipments('dev'))).toEqual([
      'fraud-detection',
      'logistics.shipments/analyst',
      'logistics.shipments/engineer',
      'logistics.shipments/owner',
    ]);
    expect(shipments('prod')).toEqual([]);
  });

  it('admits dev sandbox principals nowhere in prod', () => {
    const prodMembers = access
      .filter((a) => a.environment === 'prod')
      .flatMap((a) => [...a.principal.members.principals, ...a.principal.members.attributeRules.flatMap((r) => r.principals)]);
    expect(prodMembers.length).toBeGreaterThan(0);
    expect(prodMembers.filter((p) => !p.startsWith('arn:aws:iam::222222222222:'))).toEqual([]);
  });

  it('has no wildcard principal, permission or IAM action anywhere', () => {
    const principals = access.flatMap((a) => [
      a.principal.arn,
      ...a.principal.members.principals,
      ...a.principal.members.attributeRules.flatMap((r) => r.principals),
    ]);
    expect(principals.filter((p) => p.includes('*'))).toEqual([]);
    expect(access.flatMap((a) => [...a.permissions, ...a.grantable]).filter((p) => p === '*' || p === 'ALL')).toEqual([]);
    const statements = readStacks(outdir).flatMap((stack) =>
      Object.values(stack.json.resource?.aws_iam_role_policy ?? {}).flatMap(
        (p) => (JSON.parse(String(p.policy)) as { Statement: { Action: string[] }[] }).Statement,
      ),
    );
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.flatMap((s) => s.Action).filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
  });

  it('gives analysts DESCRIBE and SELECT only, never with the grant option', () => {
    const analysts = access.filter((a) => a.principal.role === 'analyst');
    expect(analysts.length).toBeGreaterThan(0);
    expect([...new Set(analysts.flatMap((a) => a.permissions))].sort()).toEqual(['DESCRIBE', 'SELECT']);
    expect(analysts.flatMap((a) => a.grantable)).toEqual([]);
  });

  it('gives the grant option only to owners, on their own product', () => {
    const grantable = access.filter((a) => a.grantable.length > 0);
    expect(grantable.length).toBeGreaterThan(0);
    expect(grantable.filter((a) => a.principal.role !== 'owner' || a.principal.product !== a.product)).toEqual([]);
  });

  it('reads one stack file alone as it reads it within the whole output', () => {
    const prod = access.filter((a) => a.stack === 'acme-prod');
    expect(prod.length).toBeGreaterThan(0);
    expect(readAccess(join(outdir, 'stacks', 'acme-prod', 'cdk.tf.json'))).toEqual(prod);
  });
});

import { exampleSpec } from '../helpers/synth';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildMesh } from '../../lib';
import { synthesizeMesh } from '../../stacks/synthesize';
import { cli } from './run-cli';

/** The example without its global policies: reading back their principals is not part of this test. */
const acmeRolesSpec = exampleSpec();

/** `meshgrant access` on the example's synthesized output. */
describe('meshgrant access', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'meshgrant-access-'));
    synthesizeMesh(buildMesh(acmeRolesSpec), { outdir: out });
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const lines = async (...argv: string[]) => {
    const run = await cli('access', '--out', out, '--format', 'json', ...argv);
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as { principal: string; table: string; columns: string[]; via?: string[] }[];
  };

  it('prints a text table by default, and takes the old name `table` for it', async () => {
    const text = await cli('access', '--out', out, '--env', 'prod', '--class', 'pii');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^environment +principal +purpose +policy +table +columns/);
    expect(await cli('access', '--out', out, '--env', 'prod', '--class', 'pii', '--format', 'table')).toEqual(text);
  });

  it('lists who reads PII in prod, with only the PII columns', async () => {
    const pii = await lines('--env', 'prod', '--class', 'pii');
    expect(pii.map((l) => `${l.principal} ${l.table}: ${l.columns.join(' ')}`)).toEqual([
      'customers.profiles/engineer acme_prod_customers_profiles.profiles: date_of_birth email full_name',
      // The owner's manual override, listed as such (sorted by role ARN: `...-override-omar.haddad` before `...-owner`).
      'override:customers.profiles/omar.haddad acme_prod_customers_profiles.profiles: full_name',
      'customers.profiles/owner acme_prod_customers_profiles.profiles: date_of_birth email full_name',
      'payments.transactions/engineer acme_prod_payments_transactions.transactions: customer_email',
      'payments.transactions/owner acme_prod_payments_transactions.transactions: customer_email',
      'purpose:fraud-detection acme_prod_customers_profiles.profiles: date_of_birth email full_name',
      'purpose:fraud-detection acme_prod_payments_transactions.transactions: customer_email',
    ]);
  });

  it('lists what a person reaches, and through which group, user or attributes', async () => {
    const jane = await lines(
      '--env',
      'prod',
      '--user',
      'jane.doe',
      '--directory',
      'test/fixtures/directory/people.yaml',
      '--mesh',
      'examples/acme',
    );
    expect([...new Set(jane.map((l) => l.principal))]).toEqual([
      'payments.refunds/engineer',
      'payments.refunds/owner',
      'payments.transactions/analyst',
      'payments.transactions/engineer',
      'payments.transactions/owner',
    ]);
    expect(jane.find((l) => l.principal === 'payments.transactions/analyst')?.via).toEqual(['attributes country=FR|US department=finance']);
  });

  it('limits to one product and quotes CSV cells holding commas', async () => {
    const run = await cli('access', '--out', out, '--env', 'prod', '--product', 'payments.transactions', '--format', 'csv');
    const rows = run.stdout.trim().split('\n');
    expect(rows[0]).toBe('environment,principal,purpose,policy,table,columns,rows,permissions,grantable');
    expect(rows.filter((r) => r.includes('purpose:marketing-analytics'))).toEqual([
      `prod,purpose:marketing-analytics,marketing-analytics,-,acme_prod_payments_transactions.transactions,country currency settlement_date txn_id,"country IN ('FR', 'DE')",DESCRIBE SELECT,-`,
    ]);
    expect(rows.slice(1).every((r) => r.includes('acme_prod_payments_transactions.'))).toBe(true);
  });

  it('refuses two filters at once, and a missing output, with exit code 2', async () => {
    const both = await cli('access', '--out', out, '--product', 'x.y', '--class', 'pii');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/one of --user, --product and --class/);
    const missing = await cli('access', '--out', join(out, 'nowhere'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read synthesized Terraform/);
  });
});

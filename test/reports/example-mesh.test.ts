import { exampleSpec } from '../helpers/synth';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { readAccess } from '../../lib/readback';
import { diffAccess } from '../../lib/reports/access-diff';
import { checkPromotion } from '../../lib/reports/promote-check';
import { synthesizeToTemp } from './effective-access-fixtures';

/** The example without its global policies: reading back their principals is not part of this test. */
const acmeRolesSpec = exampleSpec();

/** Adds one Lake Formation permission to a synthesized stack, as a hand edit of prod would. */
function addPermission(outdir: string, stack: string, name: string, body: Record<string, unknown>): void {
  const file = join(outdir, 'stacks', stack, 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json.resource.aws_lakeformation_permissions[name] = body;
  writeFileSync(file, JSON.stringify(json, null, 2));
}

describe('the example mesh, synthesized', () => {
  const outdir = synthesizeToTemp(acmeRolesSpec);
  const access = readAccess(outdir);
  const inEnv = (env: string) => access.filter((a) => a.environment === env);

  it('differs between dev and prod by exactly the dev-only product, once principals are mapped', () => {
    const diff = diffAccess(inEnv('dev'), inEnv('prod'), { acrossEnvironments: true });
    expect(diff.changes.map((c) => [c.change, c.principal, `${c.database}.${c.table}`])).toEqual([
      ['removed', 'logistics.shipments/analyst', 'acme_dev_logistics_shipments.shipments'],
      ['removed', 'logistics.shipments/engineer', 'acme_dev_logistics_shipments.shipments'],
      ['removed', 'logistics.shipments/owner', 'acme_dev_logistics_shipments.shipments'],
      ['removed', 'purpose:fraud-detection', 'acme_dev_logistics_shipments.shipments'],
    ]);
    expect(diff.widens).toBe(false);
  });

  it('shows what prod would gain as widening access the other way round', () => {
    const diff = diffAccess(inEnv('prod'), inEnv('dev'), { acrossEnvironments: true });
    expect(diff.widens).toBe(true);
    expect(diff.changes.every((c) => c.change === 'added' && c.environment === 'dev')).toBe(true);
    expect(diff.changes.find((c) => c.principal === 'purpose:fraud-detection')?.after?.columns).toEqual([
      'country',
      'customer_id',
      'delivery_address',
      'shipment_id',
      'shipped_on',
    ]);
  });

  it('passes the promotion guard from dev to prod', () => {
    expect(checkPromotion(access, 'dev', 'prod')).toEqual({ from: 'dev', to: 'prod', violations: [], ok: true });
  });
});

describe('the promotion guard on a prod-only grant', () => {
  const outdir = synthesizeToTemp(acmeRolesSpec);
  addPermission(outdir, 'acme-prod', 'hotfix-refunds', {
    principal: 'arn:aws:iam::222222222222:role/acme-prod-payments-refunds-analyst',
    permissions: ['DESCRIBE', 'SELECT'],
    table: { database_name: 'acme_prod_payments_refunds', name: 'refunds' },
  });
  addPermission(outdir, 'acme-prod', 'hotfix-auditor', {
    principal: 'arn:aws:iam::222222222222:role/acme-prod-auditor',
    permissions: ['SELECT'],
    permissions_with_grant_option: ['SELECT'],
    table_with_columns: { database_name: 'acme_prod_customers_profiles', name: 'profiles', column_names: ['email'] },
  });

  it('names each offending grant and what prod holds beyond dev', () => {
    const check = checkPromotion(readAccess(outdir), 'dev', 'prod');
    expect(check.ok).toBe(false);
    expect(check.violations).toEqual([
      {
        environment: 'prod',
        principal: 'payments.refunds/analyst',
        roleName: 'acme-prod-payments-refunds-analyst',
        database: 'acme_prod_payments_refunds',
        table: 'refunds',
        excess: ['columns amount (financial), iban (financial)'],
      },
      {
        environment: 'prod',
        principal: 'role:auditor',
        roleName: 'acme-prod-auditor',
        database: 'acme_prod_customers_profiles',
        table: 'profiles',
        excess: ['not held in dev: DESCRIBE, SELECT on email (pii) (all rows); grant option on SELECT'],
      },
    ]);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadMesh } from '../../lib/spec';
import { AccessReport, readAccessReport } from '../../lib/readback';
import { synthesizeMesh } from '../../stacks/synthesize';

/** Acceptance: examples/brownfield (imported from dbt and Glue, then granted) deploys and reads back as adopted. */
describe('the brownfield example', () => {
  let outdir: string;
  let stack: { resource: Record<string, Record<string, Record<string, unknown>>> };
  let report: AccessReport;
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'meshgrant-brownfield-'));
    synthesizeMesh(loadMesh(join(__dirname, '..', '..', 'examples', 'brownfield')), { outdir });
    stack = JSON.parse(readFileSync(join(outdir, 'stacks', 'shop-dev', 'cdk.tf.json'), 'utf8'));
    report = readAccessReport(outdir);
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('creates no catalog resource: every table exists already', () => {
    expect(Object.keys(stack.resource).filter((t) => t.startsWith('aws_glue_'))).toEqual([]);
  });

  it('reads back every grant without anything it does not understand, with the hybrid caveat on each table', () => {
    expect(report.problems).toEqual([]);
    expect(report.iamOpen.map((t) => `${t.database}.${t.table} ${t.reasons.join('+')}`)).toEqual([
      'finance_raw.invoices hybrid-location',
      'sales_mart.customers hybrid-location',
      'sales_mart.orders hybrid-location',
    ]);
    const analyst = report.access.find((a) => a.principal.roleName === 'shop-dev-sales-orders-analyst' && a.table === 'orders')!;
    expect(analyst.columns).toEqual(['amount', 'country', 'coupon_code', 'currency', 'order_id', 'ordered_at']);
    const invoices = report.access.find((a) => a.principal.roleName === 'shop-dev-finance-invoices-analyst')!;
    expect(invoices.columns).not.toContain('iban');
  });
});

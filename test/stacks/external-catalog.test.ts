import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataProductSpec, EffectiveAccess, MeshSpec, buildMesh } from '../../lib';
import { readAccessReport } from '../../lib/readback';
import { synthesizeMesh } from '../../stacks/synthesize';
import { TfResource, exampleSpec } from '../helpers/synth';

/** The example with payments.transactions in an existing database, and the profiles table of customers.profiles existing. */
function brownfieldSpec(): MeshSpec {
  const spec = exampleSpec();
  const products = spec.products!.map((p): DataProductSpec => {
    if (p.id === 'payments.transactions')
      return { ...p, catalog: { owner: 'external', database: 'payments_mart', storagePrefix: 'marts/payments' } };
    if (p.id === 'customers.profiles')
      return {
        ...p,
        outputPorts: p.outputPorts.map((o) => (o.name === 'profiles' ? { ...o, table: { ...o.table, owner: 'external' } } : o)),
      };
    return p;
  });
  return { ...spec, products };
}

interface Synthesized {
  readonly stack: { resource: Record<string, Record<string, TfResource>>; locals?: Record<string, unknown> };
  readonly access: readonly EffectiveAccess[];
  readonly problems: readonly unknown[];
}

function synthesize(spec: MeshSpec): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'meshgrant-external-'));
  try {
    synthesizeMesh(buildMesh(spec), { outdir });
    const report = readAccessReport(outdir);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const stack = require(join(outdir, 'stacks', 'acme-dev', 'cdk.tf.json')) as Synthesized['stack'];
    return { stack, access: report.access.filter((a) => a.environment === 'dev'), problems: report.problems };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** What readback says each principal reads, with the database written as `db`. */
const rows = (access: readonly EffectiveAccess[], tables: readonly string[], rename: (db: string) => string = (d) => d) =>
  access
    .filter((a) => tables.includes(`${rename(a.database)}.${a.table}`))
    .map((a) => ({ ...a, database: rename(a.database), stack: undefined }))
    .map((a) => JSON.stringify([a.principal.arn, a.database, a.table, a.columns, a.rows, a.permissions, a.grantable, a.columnClasses]))
    .sort();

describe('tables owned elsewhere', () => {
  let brown: Synthesized;
  let green: Synthesized;
  beforeAll(() => {
    brown = synthesize(brownfieldSpec());
    green = synthesize(exampleSpec());
  });
  const of = (s: Synthesized, type: string) => Object.values(s.stack.resource[type] ?? {});

  it('creates no Glue database or table for them, and lists them in the stack as existing', () => {
    expect(of(brown, 'aws_glue_catalog_database').map((d) => d.name)).not.toContain('payments_mart');
    expect(of(brown, 'aws_glue_catalog_table').filter((t) => t.database_name === 'payments_mart' || t.name === 'profiles')).toEqual([]);
    expect(of(brown, 'aws_glue_catalog_table').map((t) => `${t.database_name}.${t.name}`)).toContain('acme_dev_payments_refunds.refunds');
    expect(brown.stack.locals?.meshgrant_external_catalog).toEqual({
      databases: [{ name: 'payments_mart', location: 's3://acme-lake-dev/marts/payments/' }],
      tables: [
        { database: 'acme_dev_customers_profiles', name: 'profiles', columns: expect.arrayContaining(['email']) },
        { database: 'payments_mart', name: 'daily_totals', columns: ['day', 'country', 'total_amount', 'txn_count', 'business_line'] },
        { database: 'payments_mart', name: 'transactions', columns: expect.arrayContaining(['card_number']) },
      ],
    });
    expect(green.stack.locals).toBeUndefined();
  });

  it('tags and grants them by name, and registers the declared storage', () => {
    const tagged = of(brown, 'aws_lakeformation_resource_lf_tags');
    const onDatabase = tagged.find((t) => t.database?.name === 'payments_mart')!;
    expect(onDatabase.lf_tag).toContainEqual({ key: 'dataproduct', value: 'payments.transactions' });
    expect(onDatabase.depends_on.filter((d: string) => !d.startsWith('aws_lakeformation_lf_tag.'))).toEqual([]);
    expect(tagged.some((t) => t.table?.database_name === 'payments_mart' && t.table?.name === 'transactions')).toBe(true);
    expect(tagged.some((t) => t.table_with_columns?.database_name === 'payments_mart')).toBe(true);
    expect(of(brown, 'aws_lakeformation_permissions').some((p) => p.database?.name === 'payments_mart')).toBe(true);
    expect(of(brown, 'aws_lakeformation_resource').map((r) => r.arn)).toContain('arn:aws:s3:::acme-lake-dev/marts/payments');
    // Nothing refers to a resource attribute of a table that is not there.
    expect(JSON.stringify(brown.stack.resource)).not.toMatch(/aws_glue_catalog_(table|database)\.[^"]*(transactions|payments_mart)/);
  });

  it('keeps every catalog resource meshgrant owns protected from destroy', () => {
    const owned = [...of(brown, 'aws_glue_catalog_database'), ...of(brown, 'aws_glue_catalog_table')];
    expect(owned.length).toBeGreaterThan(0);
    expect(owned.filter((r) => r.lifecycle?.prevent_destroy !== true)).toEqual([]);
  });

  it('reads back exactly the access the same tables give when meshgrant owns them, and nothing it does not understand', () => {
    expect(brown.problems).toEqual([]);
    const tables = ['payments_mart.transactions', 'acme_dev_customers_profiles.profiles'];
    const rename = (db: string) => (db === 'acme_dev_payments_transactions' ? 'payments_mart' : db);
    const back = rows(brown.access, tables);
    expect(back.length).toBeGreaterThan(5);
    expect(back).toEqual(rows(green.access, tables, rename));
  });
});

describe('declaring tables owned elsewhere', () => {
  it('fails if two products name the same database, naming both', () => {
    const spec = brownfieldSpec();
    const products = spec.products!.map((p) => (p.id === 'payments.refunds' ? { ...p, catalog: { database: 'payments_mart' } } : p));
    expect(() => buildMesh({ ...spec, products })).toThrow(
      /payments\.refunds.*payments\.transactions|payments\.transactions.*payments\.refunds/,
    );
  });

  it('fails if the database or storage prefix is not a plain name', () => {
    const spec = brownfieldSpec();
    const products = spec.products!.map((p) =>
      p.id === 'payments.transactions' ? { ...p, catalog: { owner: 'external' as const, database: 'pay${x}', storagePrefix: '../x' } } : p,
    );
    expect(() => buildMesh({ ...spec, products })).toThrow(
      /catalog database `pay\$\{x\}` is not valid[\s\S]*catalog storagePrefix `\.\.\/x` is not valid/,
    );
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MeshSpec, buildMesh } from '../../lib';
import { AccessReport, readAccessReport } from '../../lib/readback';
import { checkPromotion } from '../../lib/reports/promote-check';
import { formatSummary, synthesizeMesh } from '../../stacks/synthesize';
import { TfResource, exampleSpec } from '../helpers/synth';

/** The example with these environments in hybrid access mode. */
function hybridSpec(...hybrid: string[]): MeshSpec {
  const spec = exampleSpec();
  return {
    ...spec,
    environments: spec.environments.map((e) => (hybrid.includes(e.name) ? { ...e, accessMode: 'hybrid' as const } : e)),
  };
}

interface Synthesized {
  readonly stacks: Record<string, { resource: Record<string, Record<string, TfResource>> }>;
  readonly report: AccessReport;
  readonly summary: string;
}

function synthesize(spec: MeshSpec): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'meshgrant-hybrid-'));
  try {
    const summary = synthesizeMesh(buildMesh(spec), { outdir });
    const stack = (env: string) => JSON.parse(readFileSync(join(outdir, 'stacks', `acme-${env}`, 'cdk.tf.json'), 'utf8'));
    return {
      stacks: { dev: stack('dev'), prod: stack('prod') },
      report: readAccessReport(outdir),
      summary: formatSummary({ ...summary, outdir: 'cdktf.out' }),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe('an environment in hybrid access mode', () => {
  let devHybrid: Synthesized;
  beforeAll(() => {
    devHybrid = synthesize(hybridSpec('dev'));
  });
  const of = (env: string, type: string) => Object.values(devHybrid.stacks[env].resource[type] ?? {});

  it('registers its storage with hybrid access enabled, and only there', () => {
    expect(of('dev', 'aws_lakeformation_resource').map((r) => r.hybrid_access_enabled)).toEqual(
      of('dev', 'aws_lakeformation_resource').map(() => true),
    );
    expect(of('prod', 'aws_lakeformation_resource').filter((r) => r.hybrid_access_enabled !== undefined)).toEqual([]);
  });

  it("leaves the account's default permissions as AWS sets them, and clears them elsewhere", () => {
    const iamDefaults = [{ principal: 'IAM_ALLOWED_PRINCIPALS', permissions: ['ALL'] }];
    const [dev] = of('dev', 'aws_lakeformation_data_lake_settings');
    expect([dev.create_database_default_permissions, dev.create_table_default_permissions]).toEqual([iamDefaults, iamDefaults]);
    const [prod] = of('prod', 'aws_lakeformation_data_lake_settings');
    expect([prod.create_database_default_permissions, prod.create_table_default_permissions]).toEqual([undefined, undefined]);
  });

  it('opts each principal in on exactly the databases it is granted, never elsewhere', () => {
    const granted = of('dev', 'aws_lakeformation_permissions')
      .filter((p) => p.database !== undefined && p.database.name !== 'default')
      .map((p) => `${p.principal} ${p.database.name}`)
      .sort();
    const optedIn = of('dev', 'aws_lakeformation_opt_in')
      .map((o) => {
        expect(o.resource_data[0].table[0].wildcard).toBe(true);
        return `${o.principal[0].data_lake_principal_identifier} ${o.resource_data[0].table[0].database_name}`;
      })
      .sort();
    expect(granted.length).toBeGreaterThan(10);
    expect(optedIn).toEqual(granted);
    expect(of('prod', 'aws_lakeformation_opt_in')).toEqual([]);
  });

  it('reads back every table of the environment as also open to IAM-only access, and understands everything', () => {
    const { report } = devHybrid;
    expect(report.problems).toEqual([]);
    const devTables = of('dev', 'aws_glue_catalog_table').map((t) => `${t.database_name}.${t.name}`);
    expect(report.iamOpen.map((t) => `${t.environment} ${t.database}.${t.table} ${t.reasons.join('+')}`)).toEqual(
      devTables.sort().map((t) => `dev ${t} hybrid-location+iam-default-permissions`),
    );
    const iamOnly = report.access.filter((a) => a.principal.arn === 'IAM_ALLOWED_PRINCIPALS');
    expect(iamOnly.map((a) => `${a.environment} ${a.database}.${a.table}`)).toEqual(devTables.map((t) => `dev ${t}`));
    const transactions = iamOnly.find((a) => a.table === 'transactions')!;
    expect([transactions.columns.includes('card_number'), transactions.permissions]).toEqual([true, ['ALL']]);
  });

  it("says in synth's summary which tables stay open to IAM-only access", () => {
    expect(devHybrid.summary).toMatch(
      /\nacme-dev: 7 table\(s\) still also open to IAM-only access \(hybrid access mode\), wider than the grants: acme_dev_customers_profiles\.profiles, /,
    );
    expect(devHybrid.summary).not.toMatch(/acme-prod: .*IAM-only/);
  });

  it('fails the promotion check when prod is hybrid and dev is not: IAM-only access would be new there', () => {
    const prodHybrid = synthesize(hybridSpec('prod'));
    const check = checkPromotion(prodHybrid.report.access, 'dev', 'prod', prodHybrid.report.problems);
    expect(check.ok).toBe(false);
    expect(new Set(check.violations.map((v) => JSON.stringify(v).includes('IAM_ALLOWED_PRINCIPALS')))).toEqual(new Set([true]));
    expect(checkPromotion(devHybrid.report.access, 'dev', 'prod', devHybrid.report.problems).ok).toBe(true);
  });
});

import { exampleSpec } from '../helpers/synth';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildMesh } from '../../lib';
import { AccessReport, EffectiveAccess, readAccessReport } from '../../lib/readback';
import { synthesizeMesh } from '../../stacks/synthesize';

/** The example without its global policies: reading back their principals is not part of this test. */
const acmeRolesSpec = exampleSpec();

type Json = { resource: Record<string, Record<string, Record<string, unknown>>> };

/**
 * How readback interprets Lake Formation and IAM, shown on the example's prod stack changed by
 * hand the way a bad construct or a manual edit could change it.
 */
describe('readback of a changed prod stack', () => {
  let dir: string;
  let original: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'meshgrant-semantics-'));
    synthesizeMesh(buildMesh(acmeRolesSpec), { outdir: dir });
    original = readFileSync(join(dir, 'stacks', 'acme-prod', 'cdk.tf.json'), 'utf8');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The report of the prod stack after `change`. */
  const readChanged = (change: (json: Json) => void): AccessReport => {
    const json = JSON.parse(original) as Json;
    change(json);
    const stackDir = join(dir, 'changed', 'acme-prod');
    mkdirSync(stackDir, { recursive: true });
    writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify(json));
    return readAccessReport(stackDir);
  };
  /** The logical name of the one resource of `type` that starts with `prefix` (cdktf names follow construct paths). */
  const nameOf = (json: Json, type: string, prefix: string) => {
    const found = Object.keys(json.resource[type]).filter((name) => name.startsWith(prefix));
    expect(found).toHaveLength(1);
    return found[0];
  };
  const resource = (json: Json, type: string, prefix: string) => json.resource[type][nameOf(json, type, prefix)];
  const on = (entries: readonly EffectiveAccess[], role: string, table: string) =>
    entries.filter((a) => a.principal.roleName === role && a.table === table);

  it('drops access whose role IAM does not allow lakeformation:GetDataAccess, and reports it blocked', () => {
    const report = readChanged((json) => {
      const policy = resource(json, 'aws_iam_role_policy', 'customers-profiles_analyst_policy_');
      const doc = JSON.parse(String(policy.policy)) as { Statement: { Sid: string }[] };
      policy.policy = JSON.stringify({ ...doc, Statement: doc.Statement.filter((s) => s.Sid !== 'LakeFormationDataAccess') });
    });
    expect(on(report.access, 'acme-prod-customers-profiles-analyst', 'profiles')).toEqual([]);
    expect(report.blocked.map((b) => [b.access.principal.roleName, b.access.table, b.deniedActions, b.missingPermissions])).toEqual([
      ['acme-prod-customers-profiles-analyst', 'profiles', ['lakeformation:GetDataAccess on *'], []],
    ]);
  });

  it("blocks table access of a role that cannot see the database or Athena's default database", () => {
    const report = readChanged((json) => {
      delete json.resource.aws_lakeformation_permissions[
        nameOf(json, 'aws_lakeformation_permissions', 'customers-profiles_analyst_db-acme_prod_customers_profiles_')
      ];
      delete json.resource.aws_lakeformation_permissions[
        nameOf(json, 'aws_lakeformation_permissions', 'payments-transactions_analyst_db-default_')
      ];
    });
    expect(on(report.access, 'acme-prod-customers-profiles-analyst', 'profiles')).toEqual([]);
    expect(report.blocked.map((b) => [b.access.principal.roleName, b.access.table, b.missingPermissions])).toEqual([
      ['acme-prod-customers-profiles-analyst', 'profiles', ['DESCRIBE on database acme_prod_customers_profiles']],
      ['acme-prod-payments-transactions-analyst', 'daily_totals', ['DESCRIBE on database default']],
      ['acme-prod-payments-transactions-analyst', 'transactions', ['DESCRIBE on database default']],
    ]);
  });

  it('lets a DATABASE tag-policy grant stand in for the named database grant', () => {
    const report = readChanged((json) => {
      delete json.resource.aws_lakeformation_permissions[
        nameOf(json, 'aws_lakeformation_permissions', 'customers-profiles_analyst_db-acme_prod_customers_profiles_')
      ];
      json.resource.aws_lakeformation_permissions.byTag = {
        principal: 'arn:aws:iam::222222222222:role/acme-prod-customers-profiles-analyst',
        lf_tag_policy: { resource_type: 'DATABASE', expression: [{ key: 'dataproduct', values: ['customers.profiles'] }] },
        permissions: ['DESCRIBE'],
      };
    });
    expect(on(report.access, 'acme-prod-customers-profiles-analyst', 'profiles')).toHaveLength(1);
    expect(report.blocked).toEqual([]);
  });

  it('drops access to a table the role is explicitly denied glue:GetTable on', () => {
    const report = readChanged((json) => {
      const policy = resource(json, 'aws_iam_role_policy', 'payments-transactions_analyst_policy_');
      const doc = JSON.parse(String(policy.policy)) as { Statement: object[] };
      const deny = {
        Sid: 'NoTotals',
        Effect: 'Deny',
        Action: ['glue:GetTable'],
        Resource: ['arn:aws:glue:eu-west-1:222222222222:table/acme_prod_payments_transactions/daily_totals'],
      };
      policy.policy = JSON.stringify({ ...doc, Statement: [...doc.Statement, deny] });
    });
    expect(on(report.access, 'acme-prod-payments-transactions-analyst', 'daily_totals')).toEqual([]);
    expect(on(report.access, 'acme-prod-payments-transactions-analyst', 'transactions')).toHaveLength(1);
  });

  it('reduces a write grant matching only some columns by tag to SELECT on those and DESCRIBE', () => {
    const report = readChanged((json) => {
      const write = resource(json, 'aws_lakeformation_permissions', 'customers-profiles_engineer_tables-write_') as {
        lf_tag_policy: { expression: object[] };
      };
      write.lf_tag_policy.expression.push({ key: 'classification', values: ['public', 'internal'] });
    });
    const [engineer] = on(report.access, 'acme-prod-customers-profiles-engineer', 'profiles');
    expect(engineer.permissions).toEqual(['DESCRIBE', 'SELECT']);
    expect(engineer.columns).toEqual(['country', 'customer_id', 'segment', 'signup_date']);
  });

  it('lets a table tag override the database value for every column that does not set its own', () => {
    const report = readChanged((json) => {
      const tags = resource(json, 'aws_lakeformation_resource_lf_tags', 'customers-profiles_port-profiles_table-tags_') as {
        lf_tag: { key: string; value: string }[];
      };
      tags.lf_tag.push({ key: 'class-pii', value: 'yes' });
    });
    // Every column of profiles now inherits class-pii = yes; marketing analytics may read no PII.
    expect(on(report.access, 'acme-prod-purpose-marketing-analytics', 'profiles')).toEqual([]);
    expect(on(report.access, 'acme-prod-purpose-fraud-detection', 'profiles')[0].columnClasses?.country).toEqual(['pii', 'reference']);
  });

  it('reports a trust policy given as a reference as possible widening, and takes nobody as able to assume the role', () => {
    let address = '';
    const report = readChanged((json) => {
      address = `aws_iam_role.${nameOf(json, 'aws_iam_role', 'customers-profiles_analyst_role_')}`;
      resource(json, 'aws_iam_role', 'customers-profiles_analyst_role_').assume_role_policy = '${data.aws_iam_policy_document.trust.json}';
    });
    expect(report.problems).toEqual([
      {
        stack: 'acme-prod',
        environment: 'prod',
        address,
        message:
          '`assume_role_policy` holds a Terraform expression, resolved only at plan time: "${data.aws_iam_policy_document.trust.json}"',
        mayWiden: true,
      },
    ]);
    expect(on(report.access, 'acme-prod-customers-profiles-analyst', 'profiles')[0].principal.members).toEqual({
      principals: [],
      attributeRules: [],
    });
  });

  it('reports a tag assignment whose value the stack does not define, and ignores it', () => {
    let address = '';
    const report = readChanged((json) => {
      address = `aws_lakeformation_resource_lf_tags.${nameOf(json, 'aws_lakeformation_resource_lf_tags', 'customers-profiles_port-profiles_table-tags_')}`;
      const tags = resource(json, 'aws_lakeformation_resource_lf_tags', 'customers-profiles_port-profiles_table-tags_') as {
        lf_tag: { key: string; value: string }[];
      };
      tags.lf_tag.push({ key: 'class-pii', value: 'maybe' });
    });
    expect(report.problems).toEqual([
      {
        stack: 'acme-prod',
        environment: 'prod',
        address,
        message: 'LF-tag class-pii=maybe is assigned but not defined in the stack; the assignment cannot deploy',
        mayWiden: false,
      },
    ]);
    expect(on(report.access, 'acme-prod-purpose-marketing-analytics', 'profiles')).toHaveLength(1);
  });
});

import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Condition } from '../../lib/abac/condition';
import { conditionTrust } from '../../lib/aws/condition-trust';
import { cli } from './run-cli';

/**
 * `meshgrant access --user` on a policy principal: a role tagged `Policy` and `Segment` whose
 * trust is what lib/aws/condition-trust.ts writes for a merged condition, granted a data cells
 * filter with the segment's rows. Hand-written around the shop fixture stack, as the contract
 * with ABAC synthesis says such principals look.
 */
const SESSIONS = 'arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Staff_fedcba9876543210';
const ROLE_ARN = 'arn:aws:iam::444455556666:role/shop-prod-policy-finance-reads-fr';

const condition: Condition = {
  kind: 'all',
  conditions: [
    { kind: 'attribute', attribute: 'department', anyOf: ['Finance'] },
    { kind: 'attribute', attribute: 'country', anyOf: ['FR'] },
    { kind: 'not', condition: { kind: 'attribute', attribute: 'country', anyOf: ['DE'] } },
  ],
};

function policyPrincipalStack(): object {
  const stack = JSON.parse(readFileSync('test/fixtures/cdktf/shop-prod.json', 'utf8')) as {
    resource: Record<string, Record<string, unknown>>;
  };
  const trust = conditionTrust(
    condition,
    (a) => ({ hierarchical: a === 'department', multiValued: a === 'country' }),
    { sessions: [SESSIONS], group: () => undefined, user: () => undefined },
    [],
  );
  if ('refused' in trust) throw new Error(trust.refused);
  const r = stack.resource;
  r.aws_iam_role.finance_fr = {
    name: 'shop-prod-policy-finance-reads-fr',
    assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: trust.statements }),
    tags: { Environment: 'prod', Policy: 'own-country finance-reads', Segment: 'country=FR' },
  };
  r.aws_iam_role_policy.finance_fr_policy = {
    ...(r.aws_iam_role_policy.analyst_policy as object),
    role: '${aws_iam_role.finance_fr.id}',
  };
  r.aws_lakeformation_data_cells_filter = {
    orders_fr: {
      table_data: {
        database_name: 'sales_orders',
        table_name: 'orders',
        name: 'own-country-fr',
        column_names: ['amount', 'country', 'order_id'],
        row_filter: { filter_expression: "country = 'FR'" },
      },
    },
  };
  r.aws_lakeformation_permissions.finance_fr_db = { principal: ROLE_ARN, permissions: ['DESCRIBE'], database: { name: 'sales_orders' } };
  r.aws_lakeformation_permissions.finance_fr_default_db = { principal: ROLE_ARN, permissions: ['DESCRIBE'], database: { name: 'default' } };
  r.aws_lakeformation_permissions.finance_fr_orders = {
    principal: ROLE_ARN,
    permissions: ['DESCRIBE', 'SELECT'],
    data_cells_filter: { database_name: 'sales_orders', table_name: 'orders', name: 'own-country-fr' },
  };
  return stack;
}

describe('meshgrant access: policy principals, per person', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'meshgrant-access-policy-'));
    mkdirSync(join(dir, 'out/stacks/shop-prod'), { recursive: true });
    writeFileSync(join(dir, 'out/stacks/shop-prod/cdk.tf.json'), JSON.stringify(policyPrincipalStack(), null, 2));
    cpSync('test/fixtures/base', join(dir, 'mesh'), { recursive: true });
    const mesh = readFileSync(join(dir, 'mesh/mesh.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'mesh/mesh.yaml'),
      `${mesh}attributes:\n  - { name: department, values: [Finance, Finance.Payables, Risk], hierarchical: true }\n  - { name: country, values: [DE, FR, US], multiValued: true }\n`,
    );
    writeFileSync(
      join(dir, 'people.yaml'),
      [
        'users:',
        '  - { name: jay.patel, attributes: { department: Finance.Payables, country: [US, FR] } }',
        '  - { name: lena.kurz, attributes: { department: Finance, country: [DE] } }',
        '  - { name: omar.nasser, attributes: { department: Finance, country: [DE, FR] } }',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const access = async (user: string) => {
    const run = await cli(
      'access',
      '--out',
      join(dir, 'out'),
      '--user',
      user,
      '--directory',
      join(dir, 'people.yaml'),
      '--mesh',
      join(dir, 'mesh'),
      '--format',
      'json',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as { principal: string; policy: string; table: string; columns: string[]; rows: string; via: string[] }[];
  };

  it('shows a person the rows of their segment, through which policies and which session tags', async () => {
    expect(await access('jay.patel')).toEqual([
      expect.objectContaining({
        principal: 'policy:finance-reads+own-country[country=FR]',
        role: 'shop-prod-policy-finance-reads-fr',
        policy: 'finance-reads+own-country',
        table: 'sales_orders.orders',
        columns: ['amount', 'country', 'order_id'],
        rows: "country = 'FR'",
        via: ['attributes country!~*:DE:* country~*:FR:* department~Finance|Finance.*'],
      }),
    ]);
  });

  it('shows nothing to a person outside the segment', async () => {
    expect(await access('lena.kurz')).toEqual([]);
  });

  it('reads a NOT on a multi-valued attribute as IAM will: holding the excluded value among others keeps a person out', async () => {
    expect(await access('omar.nasser')).toEqual([]);
  });
});

import { AwsProvider, IamRole, LakeformationDataCellsFilter, LakeformationPermissions } from '../../constructs/aws';
import { buildMesh } from '../../lib';
import { TABLE_PERMISSIONS } from '../../lib/aws/permissions';
import { exampleMesh, exampleSpec, expressionOf, permissionsOf, resourcesOf, synthEnvironment } from '../helpers/synth';

const mesh = exampleMesh();
const prod = synthEnvironment(mesh, 'prod');
const dev = synthEnvironment(mesh, 'dev');

describe('environment stacks', () => {
  test('each stack can only be applied to its own account and region', () => {
    expect(prod).toHaveProviderWithProperties(AwsProvider, { allowed_account_ids: ['222222222222'], region: 'eu-west-1' });
    expect(dev).toHaveProviderWithProperties(AwsProvider, { allowed_account_ids: ['111111111111'] });
  });

  test('each stack has its own encrypted, locked S3 state', () => {
    const backend = JSON.parse(prod).terraform.backend.s3;
    expect(backend).toEqual({
      bucket: 'acme-terraform-state-prod',
      key: 'meshgrant/prod.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      kms_key_id: 'alias/terraform-state',
      use_lockfile: true,
    });
    expect(JSON.parse(dev).terraform.backend.s3.key).toBe('meshgrant/dev.tfstate');
  });

  test('the data lake settings are owned once per stack and keep the deploy role as admin', () => {
    const settings = resourcesOf(prod, 'aws_lakeformation_data_lake_settings');
    expect(settings).toHaveLength(1);
    expect(settings[0].admins).toEqual([
      'arn:aws:iam::222222222222:role/data-platform-admin',
      'arn:aws:iam::222222222222:role/meshgrant-deploy',
    ]);
  });

  test('LF-tag keys and values are lower case', () => {
    for (const tag of resourcesOf(prod, 'aws_lakeformation_lf_tag')) {
      expect(tag.key).toBe(tag.key.toLowerCase());
      for (const v of tag.values) expect(v).toBe(v.toLowerCase());
    }
  });

  test('the dev-only product and dev principals never appear in prod', () => {
    expect(prod).not.toContain('logistics');
    expect(prod).not.toContain('111111111111');
    expect(dev).toContain('logistics');
  });
});

describe('product roles', () => {
  test('every role carries DataProduct, ProductRole and Environment tags', () => {
    expect(prod).toHaveResourceWithProperties(IamRole, {
      name: 'acme-prod-payments-transactions-analyst',
      tags: { DataProduct: 'payments.transactions', ProductRole: 'analyst', Environment: 'prod' },
    });
    const productRoles = resourcesOf(prod, 'aws_iam_role').filter((r) => r.tags.DataProduct);
    expect(productRoles).toHaveLength(5 * 3);
  });

  test("purpose roles carry Purpose and Environment tags, and their members' approvals", () => {
    expect(prod).toHaveResourceWithProperties(IamRole, {
      name: 'acme-prod-purpose-fraud-detection',
      tags: {
        Purpose: 'fraud-detection',
        Environment: 'prod',
        Approval1: 'group=fraud-analysts by=maria.lopez on=2026-03-02 until=2030-03-31 ticket=SEC-1042',
      },
    });
  });

  test('trust policies admit the members mapped in the environment, attribute rules as session tags', () => {
    const role = resourcesOf(prod, 'aws_iam_role').find((r) => r.name === 'acme-prod-payments-transactions-analyst')!;
    const trust = JSON.parse(role.assume_role_policy);
    expect(trust.Statement).toEqual([
      {
        Sid: 'DirectoryMembers',
        Effect: 'Allow',
        Principal: {
          AWS: [
            'arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_PaymentsAnalysts_p19f8e7d6c5b4a3921',
          ],
        },
        Action: 'sts:AssumeRole',
      },
      {
        Sid: 'AttributeRule1',
        Effect: 'Allow',
        Principal: {
          AWS: ['arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_DataConsumers_d19f8e7d6c5b4a3921'],
        },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:PrincipalTag/country': ['FR', 'US'], 'aws:PrincipalTag/department': 'finance' } },
      },
    ]);
  });

  test('a role without members exists and admits nobody', () => {
    const spec = exampleSpec();
    const product = spec.products!.find((p) => p.id === 'payments.refunds')!;
    (product as { roles: unknown }).roles = {};
    const json = synthEnvironment(buildMesh(spec), 'prod');
    const owner = resourcesOf(json, 'aws_iam_role').find((r) => r.name === 'acme-prod-payments-refunds-owner')!;
    const statements = JSON.parse(owner.assume_role_policy).Statement;
    expect(statements).toEqual([
      { Sid: 'NoMembersYet', Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'sts:AssumeRole' },
    ]);
  });

  test('no principal and no action is a wildcard, and no permission is ALL', () => {
    for (const json of [dev, prod]) {
      for (const role of resourcesOf(json, 'aws_iam_role')) {
        for (const s of JSON.parse(role.assume_role_policy).Statement) {
          expect(JSON.stringify(s.Principal)).not.toContain('"*"');
        }
      }
      for (const policy of resourcesOf(json, 'aws_iam_role_policy')) {
        for (const s of JSON.parse(policy.policy).Statement) for (const a of s.Action) expect(a).not.toContain('*');
      }
      for (const p of resourcesOf(json, 'aws_lakeformation_permissions')) {
        expect(p.principal).not.toContain('*');
        expect(p.permissions).not.toContain('ALL');
      }
    }
  });

  test('tags are attached only after the tag definitions they use exist', () => {
    const parsed = JSON.parse(prod) as { resource: Record<string, Record<string, { depends_on?: string[]; key?: string }>> };
    const at = (address: string) => parsed.resource[address.split('.')[0]][address.split('.')[1]];
    // Terraform orders by the transitive closure of depends_on.
    const before = (address: string, seen = new Set<string>()): Set<string> => {
      for (const d of at(address).depends_on ?? []) if (!seen.has(d)) before(d, seen.add(d));
      return seen;
    };
    for (const name of Object.keys(parsed.resource.aws_lakeformation_resource_lf_tags)) {
      const assignment = parsed.resource.aws_lakeformation_resource_lf_tags[name] as unknown as { lf_tag: { key: string }[] };
      const definedFirst = [...before(`aws_lakeformation_resource_lf_tags.${name}`)]
        .filter((d) => d.startsWith('aws_lakeformation_lf_tag.'))
        .map((d) => at(d).key);
      expect(definedFirst).toEqual(expect.arrayContaining(assignment.lf_tag.map((t) => t.key)));
    }
  });

  test('one Lake Formation permission per principal and target', () => {
    const targets = resourcesOf(prod, 'aws_lakeformation_permissions').map((p) => {
      const { principal, permissions, permissions_with_grant_option, depends_on, '//': _meta, ...target } = p;
      return `${principal} ${JSON.stringify(target)}`;
    });
    expect(new Set(targets).size).toBe(targets.length);
  });
});

describe('who reads what', () => {
  test('Analysts get only DESCRIBE and SELECT, within their clearance, on their own product', () => {
    const grants = permissionsOf(prod, 'acme-prod-payments-transactions-analyst');
    const tables = grants.filter((g) => g.lf_tag_policy);
    expect(tables).toHaveLength(1);
    expect(tables[0].permissions).toEqual(['DESCRIBE', 'SELECT']);
    expect(tables[0].permissions_with_grant_option).toBeUndefined();
    expect(expressionOf(tables[0])).toEqual({
      dataproduct: ['payments.transactions'],
      'access-analyst': ['read'],
      classification: ['public', 'internal'],
    });
    for (const g of grants) {
      for (const p of g.permissions) expect(['DESCRIBE', 'SELECT']).toContain(p);
    }
  });

  test('columns above the default level carry their own classification, so Analysts never see them', () => {
    const columnTags = resourcesOf(prod, 'aws_lakeformation_resource_lf_tags').filter((t) => t.table_with_columns?.name === 'transactions');
    const levelOf = (column: string) => {
      const t = columnTags.find((x) => x.table_with_columns.column_names.includes(column));
      return t?.lf_tag.find((l: { key: string }) => l.key === 'classification')?.value ?? 'internal (inherited)';
    };
    expect(levelOf('card_number')).toBe('restricted');
    expect(levelOf('customer_email')).toBe('confidential');
    expect(levelOf('amount')).toBe('confidential');
    expect(levelOf('txn_id')).toBe('internal (inherited)');
  });

  test('Engineers write only their own product, and only its storage', () => {
    const grants = permissionsOf(prod, 'acme-prod-payments-transactions-engineer');
    const write = grants.find((g) => g.lf_tag_policy)!;
    expect(write.permissions).toEqual([...TABLE_PERMISSIONS.write]);
    expect(expressionOf(write)).toEqual({ dataproduct: ['payments.transactions'], 'access-engineer': ['write'] });
    expect(grants.filter((g) => g.data_location).map((g) => g.data_location.arn)).toEqual([
      'arn:aws:s3:::acme-lake-prod/payments/transactions',
    ]);
    const databases = grants.filter((g) => g.database).map((g) => [g.database.name, g.permissions]);
    expect(databases).toEqual([
      ['acme_prod_payments_transactions', ['CREATE_TABLE', 'DESCRIBE']],
      ['default', ['DESCRIBE']],
    ]);
  });

  test('a consuming product reads the columns of its input port by name, never writes it', () => {
    const grants = permissionsOf(prod, 'acme-prod-marketing-attribution-engineer');
    const onTransactions = grants.filter((g) => JSON.stringify(g).includes('payments_transactions'));
    expect(onTransactions.map((g) => g.permissions)).toEqual([['DESCRIBE'], ['SELECT']]);
    expect(onTransactions[1].table_with_columns).toEqual({
      database_name: 'acme_prod_payments_transactions',
      name: 'transactions',
      column_names: ['country', 'currency', 'customer_id', 'settlement_date', 'txn_id'],
    });
  });

  test('Owners hold the grant option, on their own product only', () => {
    const withGrantOption = resourcesOf(prod, 'aws_lakeformation_permissions').filter((p) => p.permissions_with_grant_option);
    for (const p of withGrantOption) {
      const owner = p.principal.match(/role\/acme-prod-([a-z]+)-([a-z-]+)-owner$/);
      expect(owner).not.toBeNull();
      const product = `${owner![1]}.${owner![2]}`;
      if (p.lf_tag_policy) expect(expressionOf(p).dataproduct).toEqual([product]);
      else expect(p.database.name).toBe(`acme_prod_${product.replace(/[.-]/g, '_')}`);
    }
    expect(withGrantOption).toHaveLength(5 * 2);
  });

  test('a purpose reads bound tables without the classes it may not see', () => {
    const grants = permissionsOf(prod, 'acme-prod-purpose-fraud-detection');
    const byTag = grants.find((g) => g.lf_tag_policy?.resource_type === 'TABLE')!;
    expect(expressionOf(byTag)).toEqual({ 'purpose-fraud-detection': ['allowed'], 'class-pci': ['no'] });
    const tagged = resourcesOf(prod, 'aws_lakeformation_resource_lf_tags')
      .filter((t) => t.table && t.lf_tag.some((l: { key: string }) => l.key === 'purpose-fraud-detection'))
      .map((t) => t.table.name)
      .sort();
    expect(tagged).toEqual(['profiles', 'transactions']);
  });

  test('a purpose sees the databases of its bound products through one grant, and no other database', () => {
    const grants = permissionsOf(prod, 'acme-prod-purpose-fraud-detection');
    const byTag = grants.filter((g) => g.lf_tag_policy?.resource_type === 'DATABASE');
    expect(byTag.map(expressionOf)).toEqual([{ 'purpose-fraud-detection': ['bound'] }]);
    expect(byTag[0].permissions).toEqual(['DESCRIBE']);
    expect(grants.filter((g) => g.database).map((g) => g.database.name)).toEqual(['default']);
    const bound = resourcesOf(prod, 'aws_lakeformation_resource_lf_tags')
      .filter(
        (t) =>
          t.database && t.lf_tag.some((l: { key: string; value: string }) => l.key === 'purpose-fraud-detection' && l.value === 'bound'),
      )
      .map((t) => t.database.name)
      .sort();
    expect(bound).toEqual(['acme_prod_customers_profiles', 'acme_prod_payments_transactions']);
  });

  test('a row-filtered binding exposes only its columns and rows to the purpose', () => {
    expect(prod).toHaveResourceWithProperties(LakeformationDataCellsFilter, {
      table_data: [
        {
          database_name: 'acme_prod_payments_transactions',
          table_name: 'transactions',
          name: 'transactions-purpose-marketing-analytics',
          table_catalog_id: '222222222222',
          column_names: ['country', 'currency', 'settlement_date', 'txn_id'],
          row_filter: [{ filter_expression: "country IN ('FR', 'DE')" }],
        },
      ],
    });
    expect(prod).toHaveResourceWithProperties(LakeformationPermissions, {
      principal: 'arn:aws:iam::222222222222:role/acme-prod-purpose-marketing-analytics',
      data_cells_filter: {
        database_name: 'acme_prod_payments_transactions',
        table_name: 'transactions',
        name: 'transactions-purpose-marketing-analytics',
        table_catalog_id: '222222222222',
      },
      permissions: ['DESCRIBE', 'SELECT'],
    });
  });
});

describe('names and determinism', () => {
  test('IAM role names longer than 64 characters are shortened, stay unique and stable', () => {
    const spec = exampleSpec();
    const long = 'a-product-name-that-goes-on-and-on-well-past-any-limit';
    for (const suffix of ['one', 'two']) {
      const copy = JSON.parse(JSON.stringify(spec.products!.find((p) => p.id === 'marketing.campaigns')));
      copy.id = `marketing.${long}-${suffix}`;
      copy.purposes = [];
      (spec as unknown as { products: unknown[] }).products = [...spec.products!, copy];
    }
    const names = resourcesOf(synthEnvironment(buildMesh(spec), 'prod'), 'aws_iam_role').map((r) => r.name as string);
    const shortened = names.filter((n) => n.includes('goes-on'));
    expect(shortened).toHaveLength(6);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(64);
    expect(new Set(names).size).toBe(names.length);
    const again = resourcesOf(synthEnvironment(buildMesh(spec), 'prod'), 'aws_iam_role').map((r) => r.name);
    expect(again).toEqual(names);
  });

  test('the same mesh synthesizes to byte-identical JSON', () => {
    expect(synthEnvironment(exampleMesh(), 'prod')).toBe(prod);
    expect(synthEnvironment(exampleMesh(), 'dev')).toBe(dev);
  });
});

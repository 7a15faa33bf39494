import { formatPath } from '../../lib/model';
import { BUILT_IN_PACKS, createRuleContext } from '../../lib/policy';
import { Draft, check, findingsOf, meshOf, orders, theFinding } from './fixture';

/** Adds `n` purposes named `<prefix>-<i>` bound to the orders port as a whole. */
function bindPurposes(s: Draft, n: number, prefix = 'purpose'): void {
  for (let i = 0; i < n; i++) {
    s.purposes!.push({ name: `${prefix}-${i}`, approver: 'max.risk', members: { groups: ['risk-team'] } });
    orders(s).purposes!.push({ purpose: `${prefix}-${i}`, ports: ['orders'] });
  }
}

describe('aws pack', () => {
  test('the compliant spec has no aws finding', () => {
    expect(check().findings.filter((f) => f.rule.startsWith('aws/'))).toEqual([]);
  });

  describe('aws/lf-tag-length', () => {
    test('fails if a product id is longer than an LF-tag value may be', () => {
      const id = `sales.${'o'.repeat(45)}`;
      const f = theFinding(
        check((s) => {
          orders(s).id = id;
        }),
        'aws/lf-tag-length',
        ['products', 0, 'id'],
      );
      expect(f.message).toBe(`product ${id}: LF-tag value (dataproduct) \`${id}\` has 51 characters; Lake Formation accepts at most 50`);
    });

    test('fails if a purpose name makes an LF-tag key longer than 50', () => {
      const name = `p${'x'.repeat(42)}`;
      const f = theFinding(
        check((s) => {
          s.purposes![0].name = name;
          orders(s).purposes![0].purpose = name;
        }),
        'aws/lf-tag-length',
        ['purposes', 0, 'name'],
      );
      expect(f.fix).toBe('shorten the purpose name to 42 characters');
    });

    test('passes at exactly 50 characters', () => {
      expect(
        findingsOf(
          check((s) => {
            s.purposes![0].name = `p${'x'.repeat(41)}`;
            orders(s).purposes![0].purpose = s.purposes![0].name;
          }),
          'aws/lf-tag-length',
        ),
      ).toEqual([]);
    });
  });

  describe('aws/lf-tags-per-resource', () => {
    test('fails if a product database would carry more than 50 LF-tags: 3, one per class, one per bound purpose', () => {
      // sales.orders is bound to fraud-detection already; the mesh has 3 classes.
      const report = check((s) => bindPurposes(s, 44));
      const f = theFinding(report, 'aws/lf-tags-per-resource', ['products', 0, 'purposes']);
      expect(f.message).toBe(
        'product sales.orders: its database would carry 51 LF-tags (6 + one per purpose bound to the product: 45); Lake Formation accepts 50',
      );
      expect(f.fix).toBe('bind the product to at most 44 purposes');
    });

    test('passes at 50, whatever the bindings read: the database carries every bound purpose', () => {
      expect(
        findingsOf(
          check((s) => bindPurposes(s, 43)),
          'aws/lf-tags-per-resource',
        ),
      ).toEqual([]);
      const report = check((s) => {
        bindPurposes(s, 44);
        orders(s).purposes![1].columns = ['order_id'];
      });
      expect(findingsOf(report, 'aws/lf-tags-per-resource')).toHaveLength(1);
    });
  });

  describe('aws/lf-tag-quotas', () => {
    test('fails if an environment needs more than 1000 LF-tags', () => {
      const report = check((s) => bindPurposes(s, 995));
      const f = findingsOf(report, 'aws/lf-tag-quotas');
      expect(f.map((x) => [formatPath(x.path), x.message])).toEqual([
        ['environments[0]', 'environment dev needs 1005 LF-tags (limit 1000)'],
        ['environments[1]', 'environment prod needs 1005 LF-tags (limit 1000)'],
      ]);
      expect(f[0].fix).toContain('account 111111111111');
    });

    test('passes at 1000', () => {
      expect(
        findingsOf(
          check((s) => bindPurposes(s, 990)),
          'aws/lf-tag-quotas',
        ),
      ).toEqual([]);
    });
  });

  describe('aws/glue-text-length', () => {
    test('fails if a column description is longer than a Glue comment', () => {
      const f = theFinding(
        check((s) => {
          orders(s).outputPorts[0].columns[3].description = 'c'.repeat(256);
        }),
        'aws/glue-text-length',
        ['products', 0, 'outputPorts', 0, 'columns', 3, 'description'],
      );
      expect(f.message).toBe('product sales.orders: port orders: column country: description has 256 characters; Glue accepts at most 255');
    });

    test('fails if a port description is longer than a Glue table description', () => {
      theFinding(
        check((s) => {
          orders(s).outputPorts[0].description = 'd'.repeat(2049);
        }),
        'aws/glue-text-length',
        ['products', 0, 'outputPorts', 0, 'description'],
      );
    });
  });

  describe('aws/trust-policy-size', () => {
    test('fails if a role admits so many principals that its trust policy passes 2048 characters', () => {
      const report = check((s) => {
        for (const e of s.environments)
          for (let i = 0; i < 20; i++)
            e.identity!.groups![`team-${i}`] =
              `arn:aws:iam::${e.account}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Team${i}_0123456789abcdef`;
        orders(s).roles!.analyst!.members = { groups: Array.from({ length: 20 }, (_, i) => `team-${i}`) };
      });
      const found = findingsOf(report, 'aws/trust-policy-size');
      expect(found.map((f) => formatPath(f.path))).toEqual(['products[0].roles.analyst.members', 'products[0].roles.analyst.members']);
      expect(found[0].message).toMatch(
        /^product sales\.orders analyst role: its trust policy in dev has \d{4} characters; IAM accepts 2048 by default$/,
      );
    });
  });

  describe('aws/lf-permissions-valid', () => {
    const lfPermissionsValid = BUILT_IN_PACKS.aws.find((r) => r.id === 'aws/lf-permissions-valid')!;

    test('passes with the shipped permission lists', () => {
      expect([...lfPermissionsValid.check(createRuleContext(meshOf()))]).toEqual([]);
    });

    test('fails if a list has a permission its resource type does not support', () => {
      const context = createRuleContext(meshOf());
      const permissions = {
        ...context.permissions,
        database: { ...context.permissions.database, read: ['DESCRIBE', 'SELECT'] },
        filter: ['INSERT', 'SELECT'],
        columns: ['DESCRIBE', 'SELECT'],
      };
      expect([...lfPermissionsValid.check({ ...context, permissions })].map((v) => v.message)).toEqual([
        'DATABASE_PERMISSIONS.read in lib/aws/permissions.ts has SELECT, not valid on a database',
        'FILTER_PERMISSIONS in lib/aws/permissions.ts has INSERT, not valid on a data cells filter',
        'COLUMN_PERMISSIONS in lib/aws/permissions.ts has DESCRIBE, not valid on a table with columns',
      ]);
    });
  });
});

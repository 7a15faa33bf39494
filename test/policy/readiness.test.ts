import { Draft, check, findingsOf, orders, theFinding } from './fixture';

describe('readiness pack', () => {
  test('the compliant spec has no readiness finding', () => {
    expect(check().findings.filter((f) => f.rule.startsWith('readiness/'))).toEqual([]);
  });

  describe('readiness/owner-role', () => {
    test('fails if nobody is in the Owner role', () => {
      const f = theFinding(
        check((s) => {
          orders(s).roles!.owner = {};
        }),
        'readiness/owner-role',
        ['products', 0, 'roles', 'owner'],
      );
      expect(f.message).toBe('product sales.orders has nobody in its Owner role');
      expect(f.fix).toContain('users: [ann.lee]');
    });
  });

  describe('readiness/description', () => {
    test('fails if the product has no description', () => {
      const f = theFinding(
        check((s) => {
          orders(s).info.description = '  ';
        }),
        'readiness/description',
        ['products', 0, 'info'],
      );
      expect(f.message).toBe('product sales.orders has no description');
    });
  });

  describe('readiness/column-classified', () => {
    test('fails if a column has neither tags nor unclassified', () => {
      const f = theFinding(
        check((s) => {
          delete orders(s).outputPorts[0].columns[0].unclassified;
        }),
        'readiness/column-classified',
        ['products', 0, 'outputPorts', 0, 'columns', 0],
      );
      expect(f.message).toBe('product sales.orders: port orders: column order_id has no entity tags and is not marked unclassified');
      expect(f.fix).toContain('unclassified: <why it is not sensitive>');
    });

    test('fails if a partition key is unclassified with a placeholder reason', () => {
      const report = check((s) => {
        orders(s).outputPorts[0].table = { partitionKeys: [{ name: 'day', type: 'date', unclassified: 'TODO' }] };
      });
      const f = theFinding(report, 'readiness/column-classified', [
        'products',
        0,
        'outputPorts',
        0,
        'table',
        'partitionKeys',
        0,
        'unclassified',
      ]);
      expect(f.message).toContain('column day is marked unclassified without a real reason (`TODO`)');
    });

    test('fails if a tagged column is also marked unclassified', () => {
      const f = theFinding(
        check((s) => {
          orders(s).outputPorts[0].columns[1].unclassified = 'Not really an email';
        }),
        'readiness/column-classified',
        ['products', 0, 'outputPorts', 0, 'columns', 1, 'unclassified'],
      );
      expect(f.message).toContain('column email has entity tags and is also marked unclassified');
    });
  });

  describe('readiness/retention', () => {
    test('fails if no retention is declared', () => {
      const f = theFinding(
        check((s) => {
          delete orders(s).policies;
        }),
        'readiness/retention',
        ['products', 0, 'policies'],
      );
      expect(f.fix).toContain('P7Y');
    });

    test.each(['7 years', 'P', 'P0D', 'p7y', 'PT'])('fails if retention is `%s`', (value) => {
      const f = theFinding(
        check((s) => {
          orders(s).policies = { retention: value };
        }),
        'readiness/retention',
        ['products', 0, 'policies', 'retention'],
      );
      expect(f.message).toBe(`product sales.orders: retention \`${value}\` is not a non-zero ISO 8601 duration`);
    });

    test.each(['P90D', 'P1Y6M', 'P2W', 'PT36H'])('passes with `%s`', (value) => {
      expect(
        findingsOf(
          check((s) => {
            orders(s).policies = { retention: value };
          }),
          'readiness/retention',
        ),
      ).toEqual([]);
    });
  });

  describe('readiness/purpose-binding', () => {
    test('fails if the product is bound to no purpose, and suggests one', () => {
      const f = theFinding(
        check((s) => {
          delete orders(s).purposes;
        }),
        'readiness/purpose-binding',
        ['products', 0, 'purposes'],
      );
      expect(f.fix).toContain('{ purpose: fraud-detection, ports: [orders] }');
    });
  });
});

describe('the starter severity profile', () => {
  const unready = (s: Draft) => {
    orders(s).info.description = '';
    delete orders(s).policies;
  };

  test('the fix of every readiness error names the profile', () => {
    const readiness = check(unready).findings.filter((f) => f.rule.startsWith('readiness/'));
    expect(readiness.map((f) => [f.rule, f.severity])).toEqual([
      ['readiness/description', 'error'],
      ['readiness/retention', 'error'],
    ]);
    for (const f of readiness)
      expect(f.fix).toMatch(/; while the mesh is new, `policy: \{ profile: starter \}` in mesh.yaml reports readiness rules as warnings$/);
  });

  test('reports readiness rules as warnings, without the hint, and leaves security rules errors', () => {
    const report = check((s) => {
      unready(s);
      s.policy = { profile: 'starter' };
      orders(s).roles!.analyst!.clearance = 'confidential';
    });
    const readiness = report.findings.filter((f) => f.rule.startsWith('readiness/'));
    expect(readiness.map((f) => [f.rule, f.severity])).toEqual([
      ['readiness/description', 'warning'],
      ['readiness/retention', 'warning'],
    ]);
    expect(readiness.every((f) => !f.fix.includes('starter'))).toBe(true);
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(['security/sensitive-data-needs-purpose']);
  });

  test('a severity set for a readiness rule wins over the profile', () => {
    const report = check((s) => {
      unready(s);
      s.policy = { profile: 'starter', severities: { 'readiness/retention': 'error' } };
    });
    expect(report.findings.filter((f) => f.rule.startsWith('readiness/')).map((f) => [f.rule, f.severity])).toEqual([
      ['readiness/description', 'warning'],
      ['readiness/retention', 'error'],
    ]);
  });
});

describe('readiness: products with empty roles and global policies as ways in', () => {
  describe('a freshly provisioned product with empty roles (issue 12, point 6)', () => {
    const provisioned = (s: Draft) => {
      orders(s).roles = { analyst: {}, engineer: {}, owner: {} };
      orders(s).grants = [];
      orders(s).purposes = [];
    };

    test('validates without suppressions, with a warning that it grants nothing yet', () => {
      const report = check(provisioned);
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
      const f = theFinding(report, 'readiness/empty-roles', ['products', 0, 'roles']);
      expect(f.severity).toBe('warning');
      expect(f.message).toBe('product sales.orders grants nothing yet: its analyst, engineer and owner roles have no members');
    });

    test('fails as before once one role has a member but the Owner role and purposes are still missing', () => {
      const report = check((s) => {
        provisioned(s);
        orders(s).roles!.analyst = { members: { groups: ['shop-analysts'] } };
      });
      expect(findingsOf(report, 'readiness/empty-roles')).toEqual([]);
      expect(
        report.findings
          .filter((f) => f.severity === 'error')
          .map((f) => f.rule)
          .sort(),
      ).toEqual(['readiness/owner-role', 'readiness/purpose-binding']);
    });
  });

  describe('readiness/purpose-binding', () => {
    const unbound = (s: Draft) => {
      orders(s).purposes = [];
    };

    test('fails if the product is bound to no purpose and no global subscription lands on it', () => {
      const f = theFinding(check(unbound), 'readiness/purpose-binding', ['products', 0, 'purposes']);
      expect(f.message).toBe('product sales.orders is bound to no purpose');
    });

    test('counts a global subscription landing on one of its ports as a way in', () => {
      const report = check((s) => {
        unbound(s);
        s.policies = [{ name: 'shop-reads-orders', on: { ports: ['sales.orders/orders'] }, allow: { groups: ['shop-analysts'] } }];
      });
      expect(findingsOf(report, 'readiness/purpose-binding')).toEqual([]);
    });

    test('does not count a row policy, which admits nobody', () => {
      const report = check((s) => {
        unbound(s);
        s.attributes = [{ name: 'country', values: ['FR', 'US'] }];
        s.policies = [{ name: 'own-country', on: { products: ['sales.orders'] }, rows: 'country = @country' }];
      });
      expect(findingsOf(report, 'readiness/purpose-binding').map((f) => f.message)).toEqual([
        'product sales.orders is bound to no purpose',
      ]);
    });
  });
});

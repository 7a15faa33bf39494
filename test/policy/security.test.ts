import { formatPath } from '../../lib/model';
import { BUILT_IN_PACKS, PermissionTables, PolicyRule, Violation, createRuleContext } from '../../lib/policy';
import { Draft, check, findingsOf, meshOf, orders, theFinding } from './fixture';

const rule = (id: string): PolicyRule => BUILT_IN_PACKS.security.find((r) => r.id === id)!;

/** Runs one rule on the compliant mesh as if `lib/aws/permissions.ts` held `edit(permissions)`. */
function withPermissions(id: string, edit: (p: PermissionTables) => PermissionTables): Violation[] {
  const context = createRuleContext(meshOf());
  return [...rule(id).check({ ...context, permissions: edit(context.permissions) })];
}

describe('security pack', () => {
  test('the compliant spec has no security finding', () => {
    expect(check().findings.filter((f) => f.rule.startsWith('security/'))).toEqual([]);
  });

  test('the shipped permission lists pass every rule that checks them', () => {
    for (const id of ['security/no-wildcard-action', 'security/analyst-read-only', 'security/owner-grant-option']) {
      expect(withPermissions(id, (p) => p)).toEqual([]);
    }
  });

  describe('security/no-wildcard-principal', () => {
    test('fails if a group maps to an account root', () => {
      const report = check((s) => {
        s.environments[1].identity!.groups!['shop-analysts'] = 'arn:aws:iam::222222222222:root';
      });
      const f = theFinding(report, 'security/no-wildcard-principal', ['environments', 1, 'identity', 'groups', 'shop-analysts']);
      expect(f.message).toBe(
        'environment prod: group `shop-analysts` maps to `arn:aws:iam::222222222222:root`, which admits every principal of account 222222222222',
      );
    });
  });

  describe('security/no-wildcard-action', () => {
    test('fails if a permission list grants ALL', () => {
      const found = withPermissions('security/no-wildcard-action', (p) => ({ ...p, table: { ...p.table, admin: ['ALL'] } }));
      expect(found.map((v) => v.message)).toEqual(['TABLE_PERMISSIONS.admin in lib/aws/permissions.ts contains ALL']);
      expect(found[0].fix).toContain('explicitly');
    });
  });

  describe('security/analyst-read-only', () => {
    test('fails if read access includes a write permission', () => {
      const found = withPermissions('security/analyst-read-only', (p) => ({
        ...p,
        table: { ...p.table, read: ['DESCRIBE', 'INSERT', 'SELECT'] },
      }));
      expect(found.map((v) => v.message)).toEqual(['TABLE_PERMISSIONS.read in lib/aws/permissions.ts grants INSERT with read access']);
    });

    test('fails if the declared access gives an analyst more than read', () => {
      const context = createRuleContext(meshOf());
      const access = context.access.map((a) =>
        a.holder.kind === 'role' && a.holder.role === 'analyst' ? { ...a, level: 'write' as const } : a,
      );
      const found = [...rule('security/analyst-read-only').check({ ...context, access })];
      expect(found.map((v) => [formatPath(v.path), v.message])).toEqual([
        ['products[0].grants[0]', 'product sales.orders: the analyst role gets write access to port orders in dev'],
        ['products[0].grants[0]', 'product sales.orders: the analyst role gets write access to port orders in prod'],
      ]);
    });
  });

  describe('security/owner-grant-option', () => {
    test('fails if a level Engineers can hold carries the grant option', () => {
      const found = withPermissions('security/owner-grant-option', (p) => ({ ...p, grantableLevels: ['write', 'admin'] }));
      expect(found.map((v) => v.message)).toEqual([
        'GRANTABLE_LEVELS in lib/model/product-role.ts includes `write`, which engineer roles can be granted',
      ]);
    });

    test("fails if the declared access gives a grant option to anyone but the product's Owner", () => {
      const context = createRuleContext(meshOf());
      const access = context.access.map((a) => (a.holder.kind === 'purpose' ? { ...a, grantable: true } : a));
      const found = [...rule('security/owner-grant-option').check({ ...context, access })];
      expect(found[0].message).toBe('product sales.orders: purpose fraud-detection holds the grant option on port orders in dev');
      expect(formatPath(found[0].path)).toBe('products[0].purposes[0]');
    });
  });

  describe('security/sensitive-data-needs-purpose', () => {
    test('fails if the analyst clearance exposes pii', () => {
      const report = check((s) => {
        orders(s).roles!.analyst!.clearance = 'confidential';
      });
      const f = theFinding(report, 'security/sensitive-data-needs-purpose', ['products', 0, 'grants', 0]);
      expect(f.message).toBe(
        'product sales.orders: the analyst role can read sensitive column `email` (pii) of port orders without a purpose',
      );
    });

    test('fails for a configured level too, and only for what the grant really exposes', () => {
      const report = check((s) => {
        orders(s).roles!.analyst!.clearance = 'restricted';
        orders(s).grants![0].columns = ['order_id', 'card_number'];
        s.policy = { sensitive: { classes: [], level: 'restricted' } };
      });
      const f = theFinding(report, 'security/sensitive-data-needs-purpose', ['products', 0, 'grants', 0]);
      expect(f.message).toContain('sensitive column `card_number` (pci)');
    });

    test('passes if the cleared analyst grant leaves pii out', () => {
      const report = check((s) => {
        orders(s).roles!.analyst!.clearance = 'confidential';
        orders(s).grants![0].columns = ['order_id', 'country'];
      });
      expect(findingsOf(report, 'security/sensitive-data-needs-purpose')).toEqual([]);
    });
  });

  describe('security/binding-within-purpose', () => {
    test('fails if a binding lists a column of a class the purpose does not allow', () => {
      const f = theFinding(
        check((s) => {
          orders(s).purposes![0].columns = ['order_id', 'card_number'];
        }),
        'security/binding-within-purpose',
        ['products', 0, 'purposes', 0, 'columns'],
      );
      expect(f.message).toBe(
        'product sales.orders: binding to purpose fraud-detection lists `card_number` (class pci), which fraud-detection does not allow; they are left out',
      );
      expect(f.fix).toContain('ask max.risk (approver of fraud-detection) to allow pci');
    });

    test('passes if every listed column is allowed', () => {
      expect(
        findingsOf(
          check((s) => {
            orders(s).purposes![0].columns = ['order_id', 'email'];
          }),
          'security/binding-within-purpose',
        ),
      ).toEqual([]);
    });
  });

  describe('security/grant-within-clearance', () => {
    test("fails if a grant lists columns above the grantee's clearance", () => {
      const f = theFinding(
        check((s) => {
          orders(s).grants![0].columns = ['order_id', 'email'];
        }),
        'security/grant-within-clearance',
        ['products', 0, 'grants', 0, 'columns'],
      );
      expect(f.message).toBe(
        'product sales.orders: grant to the analyst role on port orders lists `email` (confidential), above its clearance internal; they are left out',
      );
    });
  });

  describe('security/purpose-approver', () => {
    test('fails if the approver is a member of the purpose', () => {
      const f = theFinding(
        check((s) => {
          s.purposes![0].members = { users: ['max.risk'] };
          s.environments.forEach((e) => {
            e.identity!.users!['max.risk'] = `arn:aws:iam::${e.account}:role/people/max.risk`;
          });
        }),
        'security/purpose-approver',
        ['purposes', 0, 'approver'],
      );
      expect(f.message).toBe('purpose fraud-detection: approver max.risk is also one of its members');
    });
  });

  describe('security/environment-principals', () => {
    // The model refuses principals of other accounts unless the environment accepts them with a reason.
    const acceptAccount = (s: Draft, env: number, account: string) => {
      s.environments[env].foreignPrincipals = [{ account, reason: 'this test maps members into the other account' }];
    };

    test("fails if a prod member maps to a principal of dev's account", () => {
      const report = check((s) => {
        s.environments[1].identity!.groups!['shop-eng'] = s.environments[0].identity!.groups!['shop-eng'];
        acceptAccount(s, 1, '111111111111');
      });
      const f = theFinding(report, 'security/environment-principals', ['products', 0, 'roles', 'engineer', 'members', 'groups']);
      expect(f.message).toContain('group `shop-eng` maps in prod to `arn:aws:iam::111111111111:role/');
      expect(f.message).toContain("a principal of account 111111111111, not of prod's account 222222222222");
    });

    test('fails for members of a purpose bound by a prod product', () => {
      const report = check((s) => {
        s.environments[1].identity!.groups!['risk-team'] = s.environments[0].identity!.groups!['risk-team'];
        acceptAccount(s, 1, '111111111111');
      });
      theFinding(report, 'security/environment-principals', ['purposes', 0, 'members', 'groups']);
    });

    test('passes for a foreign principal in dev, which promotes and is not promoted to', () => {
      const report = check((s) => {
        s.environments[0].identity!.groups!['shop-eng'] = s.environments[1].identity!.groups!['shop-eng'];
        acceptAccount(s, 0, '222222222222');
      });
      expect(findingsOf(report, 'security/environment-principals')).toEqual([]);
    });
  });

  describe('security/separation-of-duties', () => {
    test('warns if the product owner approves a purpose bound to the product', () => {
      const f = theFinding(
        check((s) => {
          s.purposes![0].approver = 'ann.lee';
        }),
        'security/separation-of-duties',
        ['products', 0, 'purposes', 0],
      );
      expect(f.severity).toBe('warning');
      expect(f.fix).toContain('target: purposes[0]');
    });
  });
});

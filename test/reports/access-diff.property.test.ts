import fc from 'fast-check';
import { EffectiveAccess } from '../../lib/readback/effective-access';
import { diffAccess } from '../../lib/reports/access-diff';
import { access, productRole } from './effective-access-fixtures';

const COLUMNS = ['amount', 'country', 'email', 'txn_id'];
const PERMISSIONS = ['ALTER', 'DESCRIBE', 'INSERT', 'SELECT'];
const subset = (xs: string[]) => fc.subarray(xs).map((s) => [...s].sort());

/** Access of a few principals to a few tables, each with arbitrary columns, rows and permissions. */
const accessList = fc
  .uniqueArray(
    fc.record({
      role: fc.constantFrom('analyst', 'engineer', 'owner'),
      table: fc.constantFrom('transactions', 'daily_totals'),
      columns: subset(COLUMNS),
      rows: fc.option(fc.constantFrom("country = 'FR'", "country = 'DE'"), { nil: undefined }),
      permissions: subset(PERMISSIONS),
      grantable: subset(['SELECT']),
    }),
    { selector: (r) => `${r.role}/${r.table}` },
  )
  .map((records) =>
    records.map((r): EffectiveAccess =>
      access(productRole('dev', 'payments.transactions', r.role), 'payments.transactions', r.table, {
        columns: r.columns,
        rows: r.rows,
        permissions: r.permissions,
        grantable: r.grantable,
      }),
    ),
  );

describe('diffAccess properties', () => {
  it('finds nothing between a list and itself', () => {
    fc.assert(fc.property(accessList, (list) => diffAccess(list, list).changes.length === 0));
  });

  it('gains one way exactly what it loses the other way', () => {
    fc.assert(
      fc.property(accessList, accessList, (a, b) => {
        const forth = diffAccess(a, b).changes.map((c) => [
          c.principal,
          c.table,
          c.columns.gained,
          c.permissions.gained,
          c.grantable.gained,
        ]);
        const back = diffAccess(b, a).changes.map((c) => [c.principal, c.table, c.columns.lost, c.permissions.lost, c.grantable.lost]);
        expect(forth).toEqual(back);
      }),
    );
  });

  it('never widens when every access is removed or narrowed to fewer columns and permissions', () => {
    fc.assert(
      fc.property(accessList, fc.infiniteStream(fc.boolean()), (list, keep) => {
        const narrowed = list
          .filter(() => keep.next().value)
          .map((a) => ({ ...a, columns: a.columns.slice(1), permissions: a.permissions.slice(1), grantable: [] }));
        expect(diffAccess(list, narrowed).widens).toBe(false);
      }),
    );
  });
});

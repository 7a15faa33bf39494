import { formatPath } from '../../lib/model';
import { Draft, check, findingsOf, orders, theFinding } from './fixture';

/** The product owner approves the purpose: one separation-of-duties warning at products[0].purposes[0]. */
const ownerApproves = (s: Draft) => {
  s.purposes![0].approver = 'ann.lee';
};
const REASON = 'Two-person team until Q3; reviewed by the CISO in GOV-12';

describe('suppressions', () => {
  test('a product suppression with a target accepts the finding and is reported as applied', () => {
    const report = check((s) => {
      ownerApproves(s);
      orders(s).suppressions = [{ rule: 'security/separation-of-duties', target: 'purposes[0]', reason: REASON, expires: '2026-12-31' }];
    });
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map((f) => [f.rule, formatPath(f.path), f.reason, formatPath(f.suppressedBy)])).toEqual([
      ['security/separation-of-duties', 'products[0].purposes[0]', REASON, 'products[0].suppressions[0]'],
    ]);
    expect(report.suppressions).toEqual([
      expect.objectContaining({
        rule: 'security/separation-of-duties',
        product: 'sales.orders',
        status: 'applied',
        matched: 1,
        expires: '2026-12-31',
      }),
    ]);
    expect(report.counts).toEqual({ errors: 0, warnings: 0, suppressed: 1 });
  });

  test('a mesh-level suppression applies across products, limited by a target from the mesh root', () => {
    const report = check((s) => {
      ownerApproves(s);
      s.policy = { suppressions: [{ rule: 'security/separation-of-duties', target: 'products[0]', reason: REASON }] };
    });
    expect(report.findings).toEqual([]);
    expect(report.suppressions[0]).toEqual(
      expect.objectContaining({ product: undefined, status: 'applied', path: ['policy', 'suppressions', 0] }),
    );
  });

  test('a suppression holds on its expiry day', () => {
    const report = check((s) => {
      ownerApproves(s);
      orders(s).suppressions = [{ rule: 'security/separation-of-duties', reason: REASON, expires: '2026-06-01' }];
    });
    expect(report.findings).toEqual([]);
  });

  test('fails if the suppression has expired: the finding is open again and the expiry reported', () => {
    const report = check((s) => {
      ownerApproves(s);
      orders(s).suppressions = [{ rule: 'security/separation-of-duties', reason: REASON, expires: '2026-05-31' }];
    });
    expect(findingsOf(report, 'security/separation-of-duties')).toHaveLength(1);
    const f = theFinding(report, 'policy/suppression-expired', ['products', 0, 'suppressions', 0, 'expires']);
    expect(f.message).toBe(
      'suppression of security/separation-of-duties on product sales.orders expired on 2026-05-31; its 1 finding is reported again',
    );
    expect(report.suppressions[0].status).toBe('expired');
  });

  test('fails if the reason is too short, and the suppression does not apply', () => {
    const report = check((s) => {
      ownerApproves(s);
      orders(s).suppressions = [{ rule: 'security/separation-of-duties', reason: 'ok by me' }];
    });
    expect(findingsOf(report, 'security/separation-of-duties')).toHaveLength(1);
    const f = theFinding(report, 'policy/suppression-invalid', ['products', 0, 'suppressions', 0, 'reason']);
    expect(f.message).toContain('has a reason of 8 characters; a reason needs at least 20 characters');
    expect(report.hasErrors).toBe(true);
  });

  test('fails if the expiry is not a date', () => {
    const report = check((s) => {
      ownerApproves(s);
      orders(s).suppressions = [{ rule: 'security/separation-of-duties', reason: REASON, expires: '2026-02-30' }];
    });
    theFinding(report, 'policy/suppression-invalid', ['products', 0, 'suppressions', 0, 'expires']);
    expect(report.suppressions[0].status).toBe('invalid');
  });

  test('fails if a suppression matches nothing, with a hint for a mistyped rule id', () => {
    const report = check((s) => {
      ownerApproves(s);
      orders(s).suppressions = [
        { rule: 'security/separation-of-duty', reason: REASON },
        { rule: 'security/separation-of-duties', target: 'grants[0]', reason: REASON },
      ];
    });
    const unmatched = findingsOf(report, 'policy/suppression-unmatched');
    expect(unmatched.map((f) => [formatPath(f.path), f.message, f.fix])).toEqual([
      [
        'products[0].suppressions[0]',
        'suppression of security/separation-of-duty on product sales.orders matches no finding; there is no rule `security/separation-of-duty`',
        'correct the rule id (did you mean `security/separation-of-duties`?)',
      ],
      [
        'products[0].suppressions[1]',
        'suppression of security/separation-of-duties on product sales.orders (target grants[0]) matches no finding',
        expect.stringContaining('correct its `target`'),
      ],
    ]);
    expect(report.suppressions.map((s) => s.status)).toEqual(['unmatched', 'unmatched']);
  });

  test('a product suppression does not reach another product', () => {
    const report = check((s) => {
      ownerApproves(s);
      s.products!.push({ ...orders(s), id: 'sales.carts', suppressions: [{ rule: 'security/separation-of-duties', reason: REASON }] });
    });
    expect(findingsOf(report, 'security/separation-of-duties').map((f) => f.product)).toEqual(['sales.orders']);
    expect(report.suppressed.map((f) => f.product)).toEqual(['sales.carts']);
  });
});

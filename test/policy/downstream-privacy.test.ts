import { Draft, check, findingsOf, orders, theFinding } from './fixture';

/** security/downstream-privacy: a purpose's privacy level follows the data to the products that consume it. */
describe('security/downstream-privacy', () => {
  /** sales.summary consumes sales.orders/orders; both are bound to fraud-detection. */
  const withDownstream =
    (upstream: { columns?: string[]; rows?: string }, downstream: { columns?: string[]; rows?: string }) => (s: Draft) => {
      orders(s).purposes = [{ purpose: 'fraud-detection', ports: ['orders'], ...upstream }];
      orders(s).grants!.push({ consumer: 'sales.summary', port: 'orders', level: 'read' });
      s.products!.push({
        id: 'sales.summary',
        info: { title: 'Order summary', description: 'Orders per customer and day', owner: 'ann.lee', domain: 'sales' },
        promotedTo: ['dev', 'prod'],
        inputPorts: [{ product: 'sales.orders', port: 'orders' }],
        outputPorts: [
          {
            name: 'summary',
            description: 'Per customer and day',
            columns: [
              { name: 'day', type: 'string', unclassified: 'Calendar day' },
              { name: 'customer_email', type: 'string', tags: ['email'] },
              { name: 'country', type: 'string', tags: ['country_code'] },
              { name: 'total', type: 'decimal(12,2)', unclassified: 'Aggregate' },
            ],
          },
        ],
        roles: {
          analyst: { members: { groups: ['shop-analysts'] } },
          engineer: { members: { groups: ['shop-eng'] } },
          owner: { members: { users: ['ann.lee'] } },
        },
        grants: [{ role: 'analyst', port: 'summary', level: 'read' }],
        purposes: [{ purpose: 'fraud-detection', ports: ['summary'], ...downstream }],
        policies: { retention: 'P2Y' },
      });
    };
  const downstreamBinding = ['products', 1, 'purposes', 0];

  test('passes when the downstream binding restricts at least the same columns (by name or entity tag) and rows', () => {
    const report = check(
      withDownstream(
        { columns: ['order_id', 'country'], rows: "country IN ('FR', 'DE')" },
        { columns: ['day', 'country', 'total'], rows: "day > '2026-01-01' AND country IN ('FR','DE')" },
      ),
    );
    expect(findingsOf(report, 'security/downstream-privacy')).toEqual([]);
  });

  test('passes when the upstream binding restricts nothing', () => {
    expect(findingsOf(check(withDownstream({}, {})), 'security/downstream-privacy')).toEqual([]);
  });

  test('fails if the downstream binding shows a column the upstream one hides, under another name with the same entity tag', () => {
    const f = theFinding(check(withDownstream({ columns: ['order_id', 'country'] }, {})), 'security/downstream-privacy', [
      ...downstreamBinding,
      'columns',
    ]);
    expect(f.severity).toBe('error');
    expect(f.message).toBe(
      'product sales.summary: binding to purpose fraud-detection shows `customer_email`, which sales.orders hides from fraud-detection on port orders it consumes',
    );
  });

  test('fails if the downstream binding does not AND the upstream row filter', () => {
    const f = theFinding(
      check(withDownstream({ rows: "country = 'FR'" }, { rows: "country = 'FR' OR total > 100" })),
      'security/downstream-privacy',
      [...downstreamBinding, 'rows'],
    );
    expect(f.message).toBe(
      "product sales.summary: binding to purpose fraud-detection does not restrict rows as sales.orders does on port orders it consumes (missing: country = 'FR')",
    );
    expect(f.fix).toContain("AND country = 'FR' into the binding's `rows`");
  });

  test('passes with a suppression that gives the reason', () => {
    const report = check((s) => {
      withDownstream({ rows: "country = 'FR'" }, {})(s);
      s.products![1].suppressions = [
        {
          rule: 'security/downstream-privacy',
          target: 'purposes[0]',
          reason: 'The summary aggregates all countries into totals; no row of an order survives',
          expires: '2026-12-31',
        },
      ];
    });
    expect(findingsOf(report, 'security/downstream-privacy')).toEqual([]);
    expect(report.suppressed.map((f) => f.rule)).toEqual(['security/downstream-privacy']);
  });
});

import { diffAccess } from '../../lib/reports/access-diff';
import { access, productRole } from './effective-access-fixtures';

const analyst = productRole('dev', 'payments.transactions', 'analyst', ['arn:aws:iam::111111111111:role/group-a']);
const txns = access(analyst, 'payments.transactions', 'transactions');

describe('diffAccess within an environment', () => {
  it('finds nothing between equal access', () => {
    expect(diffAccess([txns], [{ ...txns }])).toEqual({ changes: [], members: [], widens: false });
  });

  it('widens on a new principal or table', () => {
    const diff = diffAccess([], [txns]);
    expect(diff.widens).toBe(true);
    expect(diff.changes).toEqual([
      expect.objectContaining({
        change: 'added',
        principal: 'payments.transactions/analyst',
        table: 'transactions',
        columns: { gained: ['amount', 'country', 'txn_id'], lost: [] },
        widens: true,
      }),
    ]);
  });

  it('does not widen when access is only removed or narrowed', () => {
    const narrower = { ...txns, columns: ['country'], rows: "country = 'FR'", permissions: ['DESCRIBE'] };
    const diff = diffAccess([txns], [narrower]);
    expect(diff.widens).toBe(false);
    expect(diff.changes[0]).toMatchObject({
      change: 'modified',
      columns: { gained: [], lost: ['amount', 'txn_id'] },
      permissions: { gained: [], lost: ['SELECT'] },
    });
    expect(diffAccess([txns], []).changes[0]).toMatchObject({ change: 'removed', widens: false });
  });

  it.each([
    ['more columns', { columns: ['amount', 'card_number', 'country', 'txn_id'] }],
    ['more permissions', { permissions: ['DESCRIBE', 'INSERT', 'SELECT'] }],
    ['a grant option', { grantable: ['SELECT'] }],
  ])('widens on %s', (_what, more) => {
    expect(diffAccess([txns], [{ ...txns, ...more }]).changes[0].widens).toBe(true);
  });

  it('widens when a row filter is lifted or rewritten, not when one is added', () => {
    const fr = { ...txns, rows: "country = 'FR'" };
    expect(diffAccess([fr], [txns]).widens).toBe(true);
    expect(diffAccess([fr], [{ ...txns, rows: "country IN ('FR', 'DE')" }]).widens).toBe(true);
    expect(diffAccess([txns], [fr]).widens).toBe(false);
  });

  it('matches principals by ARN, whatever else the outputs hold', () => {
    const auditor = {
      ...productRole('dev', 'x.y', 'z'),
      roleName: 'acme-dev-auditor',
      arn: 'arn:aws:iam::111111111111:role/acme-dev-auditor',
      kind: 'other' as const,
    };
    const shared = access(auditor, 'payments.transactions', 'ledger', { product: undefined, database: 'acme_dev_shared' });
    expect(diffAccess([shared], [shared, txns]).changes.map((c) => [c.change, c.principal])).toEqual([
      ['added', 'payments.transactions/analyst'],
    ]);
  });

  it('lists members a principal starts or stops trusting; a new member widens', () => {
    const wider = {
      ...txns,
      principal: {
        ...analyst,
        members: {
          principals: ['arn:aws:iam::111111111111:role/group-b'],
          attributeRules: [{ principals: ['arn:aws:iam::111111111111:root'], attributes: { department: ['finance'] } }],
        },
      },
    };
    const diff = diffAccess([txns], [wider]);
    expect(diff.changes).toEqual([]);
    expect(diff.members).toEqual([
      {
        environment: 'dev',
        principal: 'payments.transactions/analyst',
        roleName: 'acme-dev-payments-transactions-analyst',
        members: {
          gained: ['arn:aws:iam::111111111111:role/group-b', 'attributes department=finance on arn:aws:iam::111111111111:root'],
          lost: ['arn:aws:iam::111111111111:role/group-a'],
        },
        widens: true,
      },
    ]);
    expect(diff.widens).toBe(true);
  });
});

describe('diffAccess across environments', () => {
  const prodTxns = access(
    productRole('prod', 'payments.transactions', 'analyst', ['arn:aws:iam::222222222222:role/group-a']),
    'payments.transactions',
    'transactions',
  );

  it('matches principals by their tags and databases without the environment prefix', () => {
    expect(diffAccess([txns], [prodTxns], { acrossEnvironments: true })).toEqual({ changes: [], members: [], widens: false });
  });

  it('matches roles without tags by their name without the environment prefix', () => {
    const other = (env: string) => ({
      ...productRole(env, 'x.y', 'z'),
      roleName: `acme-${env}-auditor`,
      kind: 'other' as const,
      product: undefined,
      role: undefined,
    });
    const devAudit = access(other('dev'), 'payments.transactions', 'transactions');
    const prodAudit = access(other('prod'), 'payments.transactions', 'transactions');
    expect(diffAccess([txns, devAudit], [prodTxns, prodAudit], { acrossEnvironments: true }).changes).toEqual([]);
    expect(diffAccess([txns], [prodTxns, prodAudit], { acrossEnvironments: true }).changes).toEqual([
      expect.objectContaining({
        change: 'added',
        principal: 'role:auditor',
        environment: 'prod',
        database: 'acme_prod_payments_transactions',
      }),
    ]);
  });
});

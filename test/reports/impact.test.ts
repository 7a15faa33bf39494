import { exampleSpec } from '../helpers/synth';
import { buildMesh } from '../../lib';
import { loadDirectory, loadDirectorySources } from '../../lib/directory';
import { readAccess } from '../../lib/readback';
import { analyzeImpact } from '../../lib/reports/impact';
import { access, productRole, specWithFraudAnalystsOnRefunds, synthesizeToTemp } from './effective-access-fixtures';

/** The example without its global policies: reading back their principals is not part of this test. */
const acmeRolesSpec = exampleSpec();

describe('analyzeImpact', () => {
  const directory = loadDirectory(['test/fixtures/directory/users.json', 'test/fixtures/directory/groups.json']);
  const identities = new Map(buildMesh(acmeRolesSpec).environments.map((e) => [e.name, e]));
  const before = readAccess(synthesizeToTemp(acmeRolesSpec));
  const after = readAccess(synthesizeToTemp(specWithFraudAnalystsOnRefunds()));

  it('names the people who gain access when a group is added to a role, and how', () => {
    const report = analyzeImpact(before, after, directory, identities);
    expect(report.people.map((p) => [p.person, p.gains, p.loses])).toEqual([
      ['ahmed.khan', true, false],
      ['maria.lopez', true, false],
    ]);
    const maria = report.people[1];
    expect(maria.changes.map((c) => [c.environment, c.change, `${c.database}.${c.table}`, c.roleName, c.via])).toEqual([
      ['dev', 'added', 'acme_dev_payments_refunds.refunds', 'acme-dev-payments-refunds-analyst', ['group fraud-analysts']],
      ['prod', 'added', 'acme_prod_payments_refunds.refunds', 'acme-prod-payments-refunds-analyst', ['group fraud-analysts']],
    ]);
    expect(maria.changes[0].after?.columns).toEqual(['reason', 'refund_date', 'refund_id', 'txn_id']);
    expect(report.unresolved).toEqual([]);
  });

  it('names the people who lose it when the change is undone', () => {
    const report = analyzeImpact(after, before, directory, identities);
    expect(report.people.map((p) => [p.person, p.gains, p.loses])).toEqual([
      ['ahmed.khan', false, true],
      ['maria.lopez', false, true],
    ]);
  });

  it("lists everyone's access without an old output, and principals it cannot resolve", () => {
    const report = analyzeImpact([], before, directory, new Map([['dev', identities.get('dev')!]]));
    expect(
      report.people
        .find((p) => p.person === 'paul.martin')
        ?.changes.map((c) => `${c.environment} ${c.principal} ${c.table} ${c.via.join()}`),
    ).toEqual([
      'dev payments.transactions/analyst daily_totals attributes country=FR|US department=finance',
      'dev payments.transactions/analyst transactions attributes country=FR|US department=finance',
    ]);
    // prod has no identity mapping here: its members are nobody the directory knows.
    expect(report.unresolved.filter((u) => u.environment === 'prod').length).toBeGreaterThan(0);
    expect(report.people.every((p) => p.changes.every((c) => c.environment === 'dev'))).toBe(true);
  });

  it('says when a person keeps a table through another role', () => {
    const arn = (group: string) => `arn:aws:iam::111111111111:role/groups/${group}`;
    const dev = {
      groups: new Map([
        ['analysts', arn('analysts')],
        ['engineers', arn('engineers')],
      ]),
      users: new Map(),
      attributeSessionPrincipals: [],
    };
    const people = loadDirectorySources([
      { path: 'people.yaml', text: 'users:\n  - { name: ann, groups: [analysts, engineers] }\n  - { name: bob, groups: [analysts] }\n' },
    ]);
    const read = access(productRole('dev', 'payments.transactions', 'analyst', [arn('analysts')]), 'payments.transactions', 'transactions');
    const write = access(
      productRole('dev', 'payments.transactions', 'engineer', [arn('engineers')]),
      'payments.transactions',
      'transactions',
      { permissions: ['DESCRIBE', 'INSERT', 'SELECT'] },
    );
    const report = analyzeImpact([read, write], [write], people, new Map([['dev', dev]]));
    expect(report.people.map((p) => [p.person, p.changes.map((c) => [c.change, c.roleName, c.stillThrough])])).toEqual([
      ['ann', [['removed', 'acme-dev-payments-transactions-analyst', ['acme-dev-payments-transactions-engineer']]]],
      ['bob', [['removed', 'acme-dev-payments-transactions-analyst', []]]],
    ]);
  });
});

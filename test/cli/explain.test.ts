import { rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { cli, tempDir } from './run-cli';

describe('meshgrant explain', () => {
  it('shows the merged decision on a table and every way in, per environment', async () => {
    const run = await cli('explain', 'examples/acme', '--table', 'payments.refunds/refunds', '--env', 'prod');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(0, 9)).toEqual([
      'payments.refunds/refunds',
      '  tags: payments.refunds',
      '  shared (any one): payments-readers',
      '  readable by subscription when: department in (finance, risk)',
      '',
      'ways in (prod):',
      '  the analyst role: read as payments.refunds/analyst',
      '    columns: reason, refund_date, refund_id, txn_id',
      '    rows: all',
    ]);
    expect(run.stdout).toContain('  policy payments-readers: read as policy-');
  });

  it('with --user, shows the ways the person takes and the rows as deployed', async () => {
    const dir = tempDir();
    const directory = join(dir, 'people.yaml');
    writeFileSync(
      directory,
      [
        'users:',
        '  - name: ines.roux',
        '    attributes: { department: risk, country: FR, businessLine: retail }',
        '  - name: paul.martin',
        '    attributes: { department: finance, country: US }',
      ].join('\n'),
    );
    const table = ['--table', 'payments.transactions/daily-totals', '--env', 'prod', '--directory', directory];
    const ines = await cli('explain', 'examples/acme', ...table, '--user', 'ines.roux');
    expect(ines.code).toBe(0);
    expect(ines.stdout.trimEnd().split('\n').slice(-4)).toEqual([
      'ines.roux reads through (prod):',
      '  policy payments-readers: read as policy-4f4bf172b3 (department in (finance, risk) AND businessLine is retail AND country is FR)',
      '    columns: business_line, country, day, txn_count',
      "    rows: country = 'FR' AND business_line = 'retail'",
    ]);
    // Without a business line, Paul is in no segment of the row policy.
    const paul = await cli('explain', 'examples/acme', ...table, '--user', 'paul.martin');
    expect(paul.stdout.trimEnd().split('\n').slice(-2)).toEqual(['paul.martin reads through (prod):', '  none']);
    rmSync(dir, { recursive: true });
  });

  it('names an unknown table with a did-you-mean and exits 2', async () => {
    const run = await cli('explain', 'examples/acme', '--table', 'payments.refunds/refund');
    expect(run).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        'no table `payments.refunds/refund` in mesh acme; expected <product>/<port> (did you mean `payments.refunds/refunds`?)',
      ),
    });
  });
});

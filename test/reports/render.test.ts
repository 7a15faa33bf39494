import { diffAccess } from '../../lib/reports/access-diff';
import { MARKDOWN_MAX_ROWS, formatTable } from '../../lib/reports/format-table';
import { renderDiff } from '../../lib/reports/render-diff';
import { PersonChange, PersonImpact } from '../../lib/reports/impact';
import { IMPACT_TEXT_ROWS, renderImpact } from '../../lib/reports/render-impact';
import { access, productRole } from './effective-access-fixtures';

describe('formatTable', () => {
  it('aligns text columns without trailing blanks', () => {
    expect(
      formatTable(
        'text',
        ['a', 'bb'],
        [
          ['xxx', ''],
          ['y', 'z'],
        ],
      ),
    ).toBe('a    bb\nxxx\ny    z');
  });

  it('wraps the widest columns at word boundaries until the table fits the width', () => {
    const text = formatTable(
      'text',
      ['principal', 'columns'],
      [['customers.profiles/engineer', 'country customer_id date_of_birth email full_name segment signup_date']],
      { width: 40 },
    );
    expect(text.split('\n')).toEqual([
      'principal            columns',
      'customers.profiles/  country customer_id',
      'engineer             date_of_birth email',
      '                     full_name segment',
      '                     signup_date',
    ]);
    expect(formatTable('text', ['a'], [['x'.repeat(50)]], {})).toBe(`a\n${'x'.repeat(50)}`);
  });

  it('writes terminal escape sequences and line feeds from input as text, in their width', () => {
    const text = formatTable('text', ['name', 'n'], [['\u001b[2Jevil\nforged row', '1']]);
    expect(text).not.toContain('\u001b');
    expect(text.split('\n')).toEqual(['name                       n', '\\x1b[2Jevil\\x0aforged row  1']);
  });

  it('right-aligns the columns asked for, headers included', () => {
    expect(formatTable('text', ['stack', 'resources'], [['acme-dev', '310']], { align: ['left', 'right'] })).toBe(
      'stack     resources\nacme-dev        310',
    );
  });

  it('escapes pipes in Markdown cells and cuts long tables with a pointer to --json', () => {
    const rows = Array.from({ length: MARKDOWN_MAX_ROWS + 2 }, (_, i) => [`r${i}`, 'a | b']);
    const md = formatTable('md', ['row', 'cell'], rows).split('\n');
    expect(md.slice(0, 3)).toEqual(['| row | cell |', '| --- | --- |', '| r0 | a \\| b |']);
    expect(md).toHaveLength(2 + MARKDOWN_MAX_ROWS + 2);
    expect(md[md.length - 1]).toBe('_2 more rows: run the command with `--json` for all of them._');
  });
});

describe('renderDiff', () => {
  it('lists widening changes first', () => {
    const analyst = productRole('dev', 'payments.transactions', 'analyst');
    const engineer = productRole('dev', 'payments.transactions', 'engineer');
    const txns = (p: typeof analyst, more = {}) => access(p, 'payments.transactions', 'transactions', more);
    const diff = diffAccess([txns(analyst), txns(engineer)], [txns(engineer, { columns: ['amount', 'card_number', 'country', 'txn_id'] })]);
    const text = renderDiff(diff, { before: 'a', after: 'b' }, 'text').split('\n');
    expect(text[3].startsWith('~  dev  payments.transactions/engineer')).toBe(true);
    expect(text[3]).toContain('columns card_number');
    expect(text[4].startsWith('-  dev  payments.transactions/analyst')).toBe(true);
    expect(text[6]).toBe('2 access changes, 0 member changes. Access widens: an approval is required.');
  });
});

describe('renderImpact', () => {
  const none = { gained: [], lost: [] };
  const gain = (table: string): PersonChange => ({
    environment: 'dev',
    principal: 'payments.transactions/analyst',
    roleName: 'mg-dev-payments-transactions-analyst',
    database: 'mg_dev_payments_transactions',
    table,
    change: 'added',
    after: { columns: ['amount', 'country'], permissions: ['SELECT'], grantable: [] },
    columns: none,
    permissions: none,
    grantable: none,
    widens: true,
    via: ['group analysts'],
    stillThrough: [],
  });
  const person = (name: string, tables: number): PersonImpact => ({
    person: name,
    changes: Array.from({ length: tables }, (_, i) => gain(`t${i}`)),
    gains: true,
    loses: false,
  });

  it('lists the first changes on a terminal, counts every person and change under them', () => {
    const people = Array.from({ length: 30 }, (_, i) => person(`p${String(i).padStart(2, '0')}`, 10));
    const text = renderImpact({ people, unresolved: [] }, { before: 'a', after: 'b' }, 'text').split('\n');
    const rows = text.filter((l) => /^p\d\d /.test(l));
    expect(rows).toHaveLength(IMPACT_TEXT_ROWS);
    expect(rows[rows.length - 1]).toMatch(/^p19 +dev +mg_dev_payments_transactions\.t9 +gains new access/);
    expect(text.slice(-3)).toEqual([
      `${300 - IMPACT_TEXT_ROWS} more rows: run the command with --json for all of them.`,
      '',
      '30 people gain access, 0 people lose access.',
    ]);
  });

  it('lists every change when there are no more than the terminal shows', () => {
    const text = renderImpact({ people: [person('ann', 2)], unresolved: [] }, { before: 'a', after: 'b' }, 'text');
    expect(text).not.toContain('more row');
    expect(text.split('\n').filter((l) => l.startsWith('ann '))).toHaveLength(2);
  });
});

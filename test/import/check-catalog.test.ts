import { readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { cli, tempDir } from '../cli/run-cli';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'brownfield');
const EXPORT = join(EXAMPLE, 'upstream', 'glue-tables.json');

describe('meshgrant check-catalog', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('passes when the catalog holds what the ports declare', async () => {
    const run = await cli('check-catalog', EXPORT, '--mesh', EXAMPLE);
    expect([run.code, run.stdout]).toEqual([0, 'catalog matches the declared ports of dev\n']);
  });

  it('exits 1 on drift that changes access: a missing column, an undeclared one; a retyped column alone is schema drift', async () => {
    const tables = JSON.parse(readFileSync(EXPORT, 'utf8'));
    const columns = tables.TableList[0].StorageDescriptor.Columns as { Name: string; Type: string }[];
    tables.TableList[0].StorageDescriptor.Columns = [
      ...columns.filter((c) => c.Name !== 'vat_amount').map((c) => (c.Name === 'net_amount' ? { ...c, Type: 'double' } : c)),
      { Name: 'payment_terms', Type: 'string' },
    ];
    const file = join(dir, 'tables.json');
    writeFileSync(file, JSON.stringify(tables));
    const run = await cli('check-catalog', file, '--mesh', EXAMPLE);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        '3 difference(s) with the declared ports of dev, 2 changing access:',
        '  schema: finance_raw.invoices: column net_amount is declared decimal(12,2), the catalog has double',
        '  access: finance_raw.invoices: column vat_amount is declared but not in the catalog',
        '  access: finance_raw.invoices: column payment_terms (string) is not declared: untagged, readers of the whole table see it at level internal',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 when a declared table is missing from its database', async () => {
    const tables = JSON.parse(readFileSync(EXPORT, 'utf8'));
    tables.TableList[0].Name = 'invoices_v2';
    const file = join(dir, 'tables.json');
    writeFileSync(file, JSON.stringify(tables));
    const run = await cli('check-catalog', file, '--mesh', EXAMPLE);
    expect([run.code, run.stdout.split('\n')[1]]).toEqual([
      1,
      '  access: finance_raw.invoices: declared by finance.invoices/invoices, not in the catalog',
    ]);
  });
});

import { cpSync, readFileSync, rmSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { cli, tempDir } from '../cli/run-cli';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'brownfield');
const CHANGED = join(__dirname, '..', 'fixtures', 'import', 'manifest-changed.json');

/**
 * Acceptance: import, grant by hand, re-import an upstream change (a column added, one removed,
 * one retyped): the hand edits survive and the change is reported, exactly.
 */
describe('re-importing a dbt manifest into a product granted by hand', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = tempDir();
    cpSync(EXAMPLE, dir, { recursive: true });
    file = join(dir, 'products', 'sales.orders.yaml');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const importChanged = () => cli('import', 'dbt', CHANGED, '--mesh', dir, '--product', 'sales.orders', '--database', 'sales_mart');

  it('reports exactly what changed upstream, and what still names a removed column', async () => {
    const run = await importChanged();
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout.replace(dir, '<mesh>')).toBe(
      [
        '<mesh>/products/sales.orders.yaml: updated',
        '  port orders: column coupon_code removed upstream; still named by grants[0].columns: edit them by hand',
        '  port orders: column customer_email: tags pii are not entity tags of the classification; not written',
        '  port orders: column amount retyped double -> decimal(12,2)',
        '  port orders: column discount added (decimal(10,2))',
        '  skipped: table customers: column segment skipped: no data_type in the manifest (declare it in dbt)',
        '',
      ].join('\n'),
    );
  });

  it('keeps the hand edits: title, comments, roles and grants, the removed column still in the grant', async () => {
    const before = readFileSync(file, 'utf8');
    await importChanged();
    const after = readFileSync(file, 'utf8');
    const [b, a] = [parse(before), parse(after)];
    expect([a.info, a.roles, a.grants]).toEqual([b.info, b.roles, b.grants]);
    expect(after.split('\n').slice(0, 2)).toEqual(before.split('\n').slice(0, 2));
    const orders = a.outputPorts.find((p: { name: string }) => p.name === 'orders');
    expect(orders.columns.map((c: { name: string; type: string }) => `${c.name} ${c.type}`)).toEqual([
      'order_id string',
      'customer_email string',
      'amount decimal(12,2)',
      'currency string',
      'country string',
      'ordered_at timestamp',
      'discount decimal(10,2)',
    ]);
    expect(a.grants[0].columns).toContain('coupon_code');
  });

  it('then fails validation on the grant that names the removed column, until someone decides', async () => {
    await importChanged();
    const run = await cli('validate', dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/sales\.orders\.yaml:\d+:\d+: .*coupon_code/);
  });

  it('changes nothing when upstream did not change', async () => {
    await importChanged();
    const once = readFileSync(file, 'utf8');
    const again = await importChanged();
    expect(again.stdout.split('\n')[0]).toBe(`${join(dir, 'products', 'sales.orders.yaml')}: unchanged`);
    expect(readFileSync(file, 'utf8')).toBe(once);
  });
});

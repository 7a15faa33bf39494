import { readFileSync } from 'fs';
import { join } from 'path';
import { TABLE_PERMISSIONS } from '../../lib/aws/permissions';
import { grantByHand } from '../../examples/grant-idiom';
import { exampleMesh } from '../helpers/synth';
import { readBack, userStack } from './stack';

const ROOT = join(__dirname, '..', '..');

describe("the README's construct example", () => {
  it('is examples/grant-idiom.ts, with package imports', () => {
    const code = readFileSync(join(ROOT, 'examples', 'grant-idiom.ts'), 'utf8')
      .replace("from '../lib'", "from 'meshgrant'")
      .replace("from '../constructs/cdktf'", "from 'cdktn'")
      .replace("from '../constructs'", "from 'meshgrant/constructs'");
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('```ts\n' + code + '```\n');
  });

  it('grants, read back from its synthesized stack, what each line says', () => {
    const mesh = exampleMesh();
    const stack = userStack(mesh, 'dev');
    grantByHand(stack, mesh, 'dev');
    const access = readBack(stack).map((a) => ({
      role: a.principal.arn.split(':role/')[1],
      table: `${a.database}.${a.table}`,
      columns: a.columns,
      rows: a.rows,
      permissions: a.permissions,
    }));
    const table = 'acme_dev_payments_transactions.transactions';
    const all = [
      'amount',
      'card_number',
      'country',
      'currency',
      'customer_email',
      'customer_id',
      'merchant_id',
      'settlement_date',
      'txn_id',
    ];
    expect(access).toEqual(
      [
        // The Analyst sees what its clearance (internal) allows: no card number, e-mail or amount.
        {
          role: 'acme-dev-payments-transactions-analyst',
          table,
          columns: ['country', 'currency', 'customer_id', 'merchant_id', 'settlement_date', 'txn_id'],
          rows: undefined,
          permissions: TABLE_PERMISSIONS.read,
        },
        { role: 'acme-dev-payments-transactions-engineer', table, columns: all, rows: undefined, permissions: TABLE_PERMISSIONS.write },
        // The consumer's Engineers read the two columns, by name.
        {
          role: 'acme-dev-marketing-attribution-engineer',
          table,
          columns: ['amount', 'txn_id'],
          rows: undefined,
          permissions: TABLE_PERMISSIONS.read,
        },
        // Fraud detection may see pii and financial data, not pci; French rows only.
        {
          role: 'acme-dev-purpose-fraud-detection',
          table,
          columns: all.filter((c) => c !== 'card_number'),
          rows: "country = 'FR'",
          permissions: TABLE_PERMISSIONS.read,
        },
      ].sort((a, b) => a.role.localeCompare(b.role)),
    );
  });
});

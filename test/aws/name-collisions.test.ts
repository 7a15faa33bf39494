import { productRoleName } from '../../lib/aws/names';
import { Writable, problemsOf } from '../helpers/spec-problems';

/** Adds a copy of payments.refunds under `id` (and its domain), promoted like the original. */
function addCopyOfRefunds(s: Writable, id: string): void {
  const [domain] = id.split('.');
  const refunds = s.products.find((p: Writable) => p.id === 'payments.refunds');
  if (!s.domains.some((d: Writable) => d.name === domain)) s.domains.push({ name: domain, description: 'Test', owner: 'jane.doe' });
  s.products.push({ ...JSON.parse(JSON.stringify(refunds)), id, info: { ...refunds.info, domain } });
}

describe('derived AWS names', () => {
  test('fails, naming both products, if two product ids map to the same role and database names', () => {
    expect(
      problemsOf((s) => {
        addCopyOfRefunds(s, 'pay.x-y');
        addCopyOfRefunds(s, 'pay-x.y');
      }),
    ).toEqual([
      'products.7.id: product pay-x.y and product pay.x-y would both be IAM role `acme-dev-pay-x-y-analyst` in environment dev (rename one of them: AWS names join domain and product with `-` (Glue databases with `_`), so ids that differ only in where `.`, `-` and `_` fall collide)',
    ]);
  });

  test('fails if a product of domain `purpose` and a purpose would share a stack element', () => {
    expect(problemsOf((s) => addCopyOfRefunds(s, 'purpose.finance-reporting'))).toEqual([
      'purposes.2.name: purpose finance-reporting and product purpose.finance-reporting would both be stack element `purpose-finance-reporting` in environment dev (rename one of them: AWS names join domain and product with `-` (Glue databases with `_`), so ids that differ only in where `.`, `-` and `_` fall collide)',
    ]);
  });

  test('fails if a name cut to 64 characters and hashed meets one that fits', () => {
    // Product `purpose.aaa...` (60 a's): its Analyst role is cut to 64 characters and a hash, and a
    // purpose named like the rest of that name gets the very same role name.
    const cut = productRoleName({ prefix: 'acme-dev' }, { domain: 'purpose', name: 'a'.repeat(60) }, 'analyst');
    const purpose = cut.slice('acme-dev-purpose-'.length);
    expect(cut).toHaveLength(64);
    expect(
      problemsOf((s) => {
        s.purposes.push({ ...s.purposes.find((p: Writable) => p.name === 'finance-reporting'), name: purpose });
        addCopyOfRefunds(s, `purpose.${'a'.repeat(60)}`);
        s.products[s.products.length - 1].purposes[0].purpose = purpose;
      }),
    ).toEqual([
      `purposes.3.name: purpose ${purpose} and product purpose.${'a'.repeat(60)} would both be IAM role \`${cut}\` in environment dev (rename one of them: AWS names join domain and product with \`-\` (Glue databases with \`_\`), so ids that differ only in where \`.\`, \`-\` and \`_\` fall collide)`,
    ]);
  });
});

import { acmeMeshSpec } from '../../examples/acme-mesh';
import { MeshSpec, buildMesh, checkPolicies } from '../../lib';
import { ROW_FILTER_MAX_BYTES } from '../../lib/model/row-filter';

/** aws/policy-expansion-limits: what global policies expand to must fit Lake Formation's and IAM's limits, found at validation. */
const findings = (spec: MeshSpec) =>
  checkPolicies(buildMesh(spec, undefined, { asOf: '2026-12-01' })).findings.filter((f) => f.rule === 'aws/policy-expansion-limits');

describe('aws/policy-expansion-limits', () => {
  it('refuses a segment filter over the data cells filter limit once two row policies are ANDed, at the row policy', () => {
    const lines = (prefix: string) => Array.from({ length: 90 }, (_, i) => `'${prefix}${String(i).padStart(6, '0')}'`).join(', ');
    const rows = (attribute: string, column: string, prefix: string) =>
      `${column} = @${attribute} AND business_line NOT IN (${lines(prefix)})`;
    const spec: MeshSpec = {
      ...acmeMeshSpec,
      policies: [
        ...acmeMeshSpec.policies!,
        { name: 'long-a', on: { ports: ['payments.transactions/daily-totals'] }, rows: rows('country', 'country', 'a') },
        { name: 'long-b', on: { ports: ['payments.transactions/daily-totals'] }, rows: rows('businessLine', 'business_line', 'b') },
      ],
    };
    // Each fits as written; together they do not.
    expect(Buffer.byteLength(rows('country', 'country', 'a'))).toBeLessThan(ROW_FILTER_MAX_BYTES);
    const found = findings(spec);
    expect(found.map((f) => [f.severity, f.path])).toEqual([['error', ['policies', 3, 'rows']]]);
    expect(found[0].message).toMatch(
      /^row policies own-country-and-line, long-a, long-b: on payments\.transactions\/daily-totals, the filter of .+ is \d{4} bytes once the values are substituted and the filters ANDed; Lake Formation accepts at most 2047$/,
    );
  });

  it('passes the example', () => {
    expect(findings(acmeMeshSpec)).toEqual([]);
  });

  it('refuses segments that take an environment past the IAM roles per account', () => {
    const values = (p: string) => Array.from({ length: 8 }, (_, i) => `${p}${i}`);
    const products = Array.from({ length: 17 }, (_, i) => ({
      ...acmeMeshSpec.products!.find((p) => p.id === 'logistics.shipments')!,
      id: `logistics.copy${i}`,
    }));
    const spec: MeshSpec = {
      ...acmeMeshSpec,
      attributes: [
        { name: 'a', values: values('a') },
        { name: 'b', values: values('b') },
      ],
      policies: [{ name: 'by-a-and-b', on: { products: products.map((p) => p.id) }, rows: 'country = @a AND customer_id = @b' }],
      products: [...acmeMeshSpec.products!, ...products],
    };
    expect(findings(spec).map((f) => [f.path, f.message])).toEqual([
      [
        ['policies'],
        expect.stringMatching(
          /^in dev, global policies call for \d+ IAM roles, \d+ with the product and purpose roles; IAM accepts 1000 roles per account by default$/,
        ),
      ],
    ]);
  });
});

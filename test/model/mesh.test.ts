import { MeshValidationError, accessPlan, buildMesh, formatProblem } from '../../lib';
import { holderKey } from '../../lib/plan';
import { MeshSpec } from '../../lib/model';
import { exampleMesh, exampleSpec } from '../helpers/synth';

/** Problems of a spec, one formatted line each. */
function problemsOf(spec: MeshSpec): string[] {
  try {
    buildMesh(spec);
  } catch (e) {
    if (e instanceof MeshValidationError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };
const mutable = (spec: MeshSpec) => spec as unknown as Mutable<MeshSpec>;
const product = (spec: MeshSpec, id: string) => mutable(spec).products!.find((p) => p.id === id)!;

describe('building a mesh', () => {
  test('the example mesh is valid', () => {
    expect(problemsOf(exampleSpec())).toEqual([]);
  });

  test('fails if a binding names an unknown purpose, suggesting the close one', () => {
    const spec = exampleSpec();
    product(spec, 'marketing.campaigns').purposes![0].purpose = 'markting-analytics';
    expect(problemsOf(spec)).toEqual([
      'products[3].purposes[0].purpose: product marketing.campaigns: unknown purpose `markting-analytics` (did you mean `marketing-analytics`?)',
    ]);
  });

  test('fails if an Analyst is granted write', () => {
    const spec = exampleSpec();
    product(spec, 'payments.refunds').grants![0] = { role: 'analyst', port: 'refunds', level: 'write' };
    expect(problemsOf(spec)).toEqual([
      'products[2].grants[0].level: product payments.refunds: analyst cannot be granted write; the most it may have is read',
    ]);
  });

  test('fails if a member group has no principal in an environment the product reaches', () => {
    const spec = exampleSpec();
    product(spec, 'payments.refunds').roles!.analyst!.members = { groups: ['logistics-sandbox'] };
    expect(problemsOf(spec)).toEqual([
      'products[2].roles.analyst.members.groups[0]: product payments.refunds analyst: group `logistics-sandbox` has no principal in environment prod (map it under identity.groups of environment prod in environments.yaml)',
    ]);
  });

  test('reports an unmapped member of a purpose once, naming every environment and every product that binds it there', () => {
    let spec = exampleSpec();
    const index = spec.purposes!.findIndex((p) => p.name === 'fraud-detection');
    const purposes = [...spec.purposes!];
    purposes[index] = { ...purposes[index], members: { groups: ['nobody'] } };
    spec = { ...spec, purposes };
    const binders = spec
      .products!.filter((p) => p.purposes?.some((b) => b.purpose === 'fraud-detection'))
      .map((p) => p.id)
      .sort();
    expect(binders.length).toBeGreaterThan(1);
    expect(problemsOf(spec)).toEqual([
      `purposes[${index}].members.groups[0]: purpose fraud-detection (bound by ${binders.join(', ')}): group \`nobody\` has no principal in environments dev and prod (map it under identity.groups of environments dev and prod in environments.yaml)`,
    ]);
  });

  test('suggests the mapped group a typo is close to, once, before a new mapping', () => {
    const spec = exampleSpec();
    product(spec, 'payments.refunds').roles!.analyst!.members = { groups: ['payment-analysts'] };
    expect(problemsOf(spec)).toEqual([
      'products[2].roles.analyst.members.groups[0]: product payments.refunds analyst: group `payment-analysts` has no principal in environments dev and prod (did you mean `payments-analysts`? If it is another group, map it under identity.groups of environments dev and prod in environments.yaml)',
    ]);
  });

  test('fails if an attribute rule names an attribute close to a declared one but undeclared (a typo), suggesting it; other session tags are left alone', () => {
    const spec = { ...exampleSpec(), attributes: [{ name: 'department' }, { name: 'country' }] };
    product(spec, 'payments.refunds').roles!.analyst!.members = { attributes: [{ departement: 'finance', costCenter: 'cc-42' }] };
    expect(problemsOf(spec)).toEqual([
      'products[2].roles.analyst.members.attributes[0].departement: product payments.refunds analyst: attribute `departement` is not declared in mesh.yaml (did you mean `department`?)',
    ]);
  });

  test('fails, rather than crash later, on a member named like an inherited property', () => {
    const spec = exampleSpec();
    product(spec, 'payments.refunds').roles!.analyst!.members = { users: ['constructor'] };
    expect(problemsOf(spec)).toEqual([
      'products[2].roles.analyst.members.users[0]: product payments.refunds analyst: user `constructor` has no principal in environments dev and prod (map it under identity.users of environments dev and prod in environments.yaml)',
    ]);
  });

  test('fails if a product reaches prod without going through dev', () => {
    const spec = exampleSpec();
    product(spec, 'marketing.campaigns').promotedTo = ['prod'];
    expect(problemsOf(spec)).toEqual([
      'products[3].promotedTo[0]: product marketing.campaigns reaches prod without dev; dev promotes to prod, so promote it to dev first',
    ]);
  });

  test('fails if a row filter calls a function', () => {
    const spec = exampleSpec();
    product(spec, 'payments.refunds').purposes![0].rows = "current_user() = 'x'";
    expect(problemsOf(spec)).toEqual([
      'products[2].purposes[0].rows: product payments.refunds: binding to finance-reporting: row filter: `current_user()` calls a function; Lake Formation row filters allow no functions; expected a column on the left of =',
    ]);
  });

  test('fails if a principal is a wildcard', () => {
    const spec = exampleSpec();
    mutable(spec).environments[1].identity!.groups!['fraud-analysts'] = 'arn:aws:iam::222222222222:role/*';
    expect(problemsOf(spec)).toEqual([
      'environments[1].identity.groups.fraud-analysts: environment prod: principal of group fraud-analysts `arn:aws:iam::222222222222:role/*` contains a wildcard; principals must be named exactly',
    ]);
  });

  test('fails if an input port is not granted by the product it reads', () => {
    const spec = exampleSpec();
    const tx = product(spec, 'payments.transactions');
    tx.grants = tx.grants!.filter((g) => g.consumer === undefined);
    expect(problemsOf(spec)).toEqual([
      'products[4].inputPorts[0]: product marketing.attribution reads payments.transactions/transactions, but payments.transactions does not grant it (ask its owner to add `{ consumer: marketing.attribution, port: transactions, level: read }` to its grants)',
    ]);
  });

  test('reports every problem at once, not just the first', () => {
    const spec = exampleSpec();
    product(spec, 'payments.refunds').grants![0].port = 'refundz';
    product(spec, 'customers.profiles').info.owner = '';
    mutable(spec).purposes![0].allowedClasses = ['pij'];
    const problems = problemsOf(spec);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toContain('unknown port `refundz` (did you mean `refunds`?)');
    expect(problems.join('\n')).toContain('product customers.profiles has no owner');
    expect(problems.join('\n')).toContain('purpose fraud-detection allows unknown class `pij` (did you mean `pii`?)');
  });
});

describe('declared access', () => {
  const access = accessPlan(exampleMesh());
  const find = (env: string, holder: string, port: string) =>
    access.find((a) => a.environment === env && a.port === port && holderKey(a.holder).replace(/^purpose:/, '') === holder);

  test('Analysts never read a column above their clearance', () => {
    const analyst = find('prod', 'payments.transactions/analyst', 'transactions')!;
    expect(analyst.columns).toEqual(['country', 'currency', 'customer_id', 'merchant_id', 'settlement_date', 'txn_id']);
    expect(analyst.level).toBe('read');
  });

  test('a purpose reads only the classes it allows, and the binding rows', () => {
    expect(find('prod', 'fraud-detection', 'transactions')!.columns).not.toContain('card_number');
    expect(find('prod', 'fraud-detection', 'transactions')!.columns).toContain('customer_email');
    const marketing = find('prod', 'marketing-analytics', 'transactions')!;
    expect(marketing.columns).toEqual(['country', 'currency', 'settlement_date', 'txn_id']);
    expect(marketing.rows).toBe("country IN ('FR', 'DE')");
  });

  test('a product promoted to dev only has no access in prod', () => {
    expect(access.filter((a) => a.environment === 'prod' && a.product === 'logistics.shipments')).toEqual([]);
    expect(access.filter((a) => a.environment === 'dev' && a.product === 'logistics.shipments')).toHaveLength(4);
  });

  test('only Owners hold the grant option', () => {
    for (const a of access) expect(a.grantable).toBe(a.holder.kind === 'role' && a.holder.role === 'owner');
  });
});

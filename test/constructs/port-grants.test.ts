import { LakeformationPermissions } from '../../constructs/aws';
import { Testing } from '../../constructs/cdktf';
import { LakeProduct } from '../../constructs/data-product';
import { LakeFoundation } from '../../constructs/lake-foundation';
import { LakePurposeRole } from '../../constructs/purpose-role';
import { accessPlan } from '../../lib';
import { exampleMesh, resourcesOf } from '../helpers/synth';
import { foundedStack, userStack } from './stack';

function payments(environment = 'dev') {
  const mesh = exampleMesh();
  const stack = foundedStack(mesh, environment);
  const product = new LakeProduct(stack, 'payments-transactions', { product: mesh.product('payments.transactions') });
  const consumer = new LakeProduct(stack, 'marketing-attribution', { product: mesh.product('marketing.attribution') });
  const purpose = (name: string) => new LakePurposeRole(stack, `purpose-${name}`, { purpose: mesh.purpose(name) });
  return { mesh, stack, product, consumer, purpose, port: product.port('transactions') };
}

describe('PortGrants', () => {
  it('grants whole tables of its own product to a role by tag policy', () => {
    const { port, product } = payments();
    const grant = port.grants.read(product.roles.analyst);
    expect(grant.mechanism).toBe('tag-policy');
    expect(grant.access?.via).toEqual({ kind: 'role', product: 'payments.transactions', role: 'analyst' });
    // The database grant, the table's tag assignment and the role's one tag-policy grant.
    expect(grant.resources.map((r) => `${r.terraformResourceType} ${r.node.path.split('/').slice(1).join('/')}`)).toEqual([
      'aws_lakeformation_permissions payments-transactions/analyst/db-acme_dev_payments_transactions',
      'aws_lakeformation_resource_lf_tags payments-transactions/port-transactions/table-tags/Default',
      'aws_lakeformation_permissions payments-transactions/analyst/tables-read',
    ]);
  });

  it("grants another product's role the columns by name, never by tag", () => {
    const { port, consumer } = payments();
    expect(port.grants.read(consumer.roles.analyst).mechanism).toBe('named-columns');
  });

  it('grants a row filter through a data cells filter, and a column list by name', () => {
    const { port, product, purpose } = payments();
    expect(port.grants.read(purpose('fraud-detection'), { rows: "country = 'FR'" }).mechanism).toBe('data-cells-filter');
    expect(port.grants.read(product.roles.analyst, { columns: ['txn_id'] }).mechanism).toBe('named-columns');
  });

  it("grants a write to another product's table on the table by name, under the grantee", () => {
    const { stack, port, consumer } = payments();
    const grant = port.grants.write(consumer.roles.engineer);
    expect(grant.mechanism).toBe('named-table');
    const json = Testing.synth(stack);
    const table = resourcesOf(json, 'aws_lakeformation_permissions').filter((p) => p.table !== undefined);
    expect(table).toEqual([
      expect.objectContaining({
        permissions: ['ALTER', 'DELETE', 'DESCRIBE', 'INSERT', 'SELECT'],
        table: { database_name: 'acme_dev_payments_transactions', name: 'transactions' },
      }),
    ]);
    expect(grant.resources.map((r) => r.node.path)).toContain(
      'mine-dev/marketing-attribution/engineer/table-payments.transactions-transactions',
    );
  });

  it('fails if a grant would show no column: nothing is made and assertSuccess names why', () => {
    const { stack, port, purpose } = payments();
    const before = Testing.synth(stack);
    // marketing-analytics allows only reference data; card numbers are pci.
    const grant = port.grants.read(purpose('marketing-analytics'), { columns: ['card_number'] });
    expect(grant.success).toBe(false);
    expect(grant.resources).toEqual([]);
    expect(() => grant.assertSuccess()).toThrow('purpose-marketing-analytics can read no column of payments.transactions/transactions');
    expect(resourcesOf(Testing.synth(stack), 'aws_lakeformation_permissions')).toHaveLength(
      resourcesOf(before, 'aws_lakeformation_permissions').length,
    );
  });

  it('fails if a purpose is granted write', () => {
    const { port, purpose } = payments();
    expect(() => port.grants.write(purpose('fraud-detection'))).toThrow('purpose fraud-detection can only be granted read');
  });

  it('makes dependents wait for what enforces the grant', () => {
    const { stack, port, purpose } = payments();
    const grant = port.grants.read(purpose('fraud-detection'), { rows: "country = 'FR'" });
    const later = new LakeformationPermissions(stack, 'later', {
      principal: 'arn:aws:iam::111111111111:role/x',
      database: { name: 'default' },
      permissions: ['DESCRIBE'],
    });
    grant.applyBefore(later);
    const dependsOn = resourcesOf(Testing.synth(stack), 'aws_lakeformation_permissions').find((p) =>
      p.principal.endsWith(':role/x'),
    )!.depends_on;
    expect(dependsOn).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aws_lakeformation_data_cells_filter\./),
        expect.stringMatching(/^aws_lakeformation_permissions\..*filter/),
      ]),
    );
  });

  it('fails if a plan entry of another port is deployed on this one', () => {
    const { mesh, product } = payments();
    const entry = accessPlan(mesh).find(
      (e) => e.environment === 'dev' && e.product === 'payments.transactions' && e.port === 'daily-totals',
    )!;
    expect(() => product.port('transactions').grants.planned(product.roles.analyst, entry)).toThrow(
      'access to payments.transactions/daily-totals is planned for another port',
    );
  });

  it('keeps the shorthands on the port: grantRead, grantWrite, grantAdmin', () => {
    const { port, product } = payments();
    expect(port.grantRead(product.roles.analyst).access?.level).toBe('read');
    expect(port.grantWrite(product.roles.engineer).access?.level).toBe('write');
    expect(port.grantAdmin(product.roles.owner).access).toMatchObject({ level: 'admin', grantable: true });
  });
});

describe('LakeFoundation.of', () => {
  it('fails if a product is made in a stack without a LakeFoundation', () => {
    const mesh = exampleMesh();
    const stack = userStack(mesh, 'dev');
    expect(() => new LakeProduct(stack, 'p', { product: mesh.product('payments.transactions') })).toThrow(
      'make a LakeFoundation in its stack first',
    );
  });

  it('fails if a stack gets a second LakeFoundation', () => {
    const mesh = exampleMesh();
    const stack = foundedStack(mesh, 'dev');
    expect(
      () =>
        new LakeFoundation(stack, 'again', { environment: mesh.environment('dev'), classification: mesh.classification, tags: new Map() }),
    ).toThrow('already has a LakeFoundation');
  });
});

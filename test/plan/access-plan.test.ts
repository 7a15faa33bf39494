import { accessPlan, buildMesh, environmentPlan, formatPath } from '../../lib';
import { planAccess } from '../../lib/plan';
import { acmeMeshSpec } from '../../examples/acme-mesh';
import { loadMesh } from '../../lib/spec';
import { exampleMesh } from '../helpers/synth';

describe('the access plan', () => {
  const mesh = exampleMesh();
  const plan = accessPlan(mesh);

  it('points every entry at the grant, binding or override that declares it', () => {
    for (const e of plan) {
      const [, index, list, position] = e.source.path as [string, number, string, number];
      const product = acmeMeshSpec.products![index];
      expect(product.id).toBe(e.product);
      if (list === 'grants') {
        const g = product.grants![position];
        expect(g.port).toBe(e.port);
        expect(e.via).toEqual(
          g.role !== undefined ? { kind: 'role', product: e.product, role: g.role } : { kind: 'consumer', product: g.consumer },
        );
      } else if (list === 'overrides') {
        const o = product.overrides![position];
        expect(o.ports).toContain(e.port);
        expect(e.via).toEqual({ kind: 'override', product: e.product, user: o.user });
      } else {
        expect(list).toBe('purposes');
        const b = product.purposes![position];
        expect(b.ports).toContain(e.port);
        expect(e.via).toEqual({ kind: 'purpose', purpose: b.purpose });
      }
    }
  });

  it('locates the source in the product file when the mesh comes from YAML', () => {
    const loaded = loadMesh('examples/acme');
    const consumer = accessPlan(loaded).find((e) => e.via.kind === 'consumer' && e.product === 'payments.transactions')!;
    expect(formatPath(consumer.source.path)).toMatch(/^products\[\d+\]\.grants\[6\]$/);
    expect(loaded.locate(consumer.source.path)).toMatchObject({ file: 'examples/acme/products/payments.transactions.yaml' });
  });

  it('says how each entry is enforced', () => {
    const find = (via: string, port: string) =>
      plan.find((e) => e.environment === 'prod' && JSON.stringify(e.via).includes(via) && e.port === port)!;
    expect(find('"analyst"', 'transactions').mechanism).toBe('tag-policy');
    expect(find('"marketing.attribution"', 'transactions').mechanism).toBe('named-columns');
    expect(find('"marketing-analytics"', 'transactions')).toMatchObject({
      mechanism: 'data-cells-filter',
      rows: "country IN ('FR', 'DE')",
    });
    expect(find('"owner"', 'transactions')).toMatchObject({
      mechanism: 'tag-policy',
      grantable: true,
      permissions: ['ALTER', 'DELETE', 'DESCRIBE', 'DROP', 'INSERT', 'SELECT'],
    });
  });

  it('gives a consumer access only where it is promoted', () => {
    const products = acmeMeshSpec.products!.map((p) => (p.id === 'marketing.attribution' ? { ...p, promotedTo: ['dev'] } : p));
    const devOnly = accessPlan(buildMesh({ ...acmeMeshSpec, products }));
    const consumerIn = (env: string) => devOnly.filter((e) => e.environment === env && e.via.kind === 'consumer');
    expect(consumerIn('dev')).toHaveLength(1);
    expect(consumerIn('prod')).toEqual([]);
  });

  it('is the environment plans together, sorted by environment, holder and table', () => {
    const together = mesh.environments.flatMap((e) => environmentPlan(mesh, e.name));
    expect(new Set(plan)).toEqual(new Set(together));
    expect(plan).toHaveLength(together.length);
  });

  it('plans nothing for a request whose allowance hides every asked column', () => {
    const port = mesh.product('payments.transactions').outputPorts.find((p) => p.name === 'transactions')!;
    const request = {
      environment: 'dev',
      via: { kind: 'purpose', purpose: 'x' } as const,
      product: 'payments.transactions',
      port,
      level: 'read' as const,
    };
    expect(
      planAccess(mesh.classification, { ...request, allowance: { kind: 'classes', allowed: [] }, columns: ['card_number'] }),
    ).toBeUndefined();
    expect(
      planAccess(mesh.classification, { ...request, allowance: { kind: 'classes', allowed: ['pci'] }, columns: ['card_number'] })?.columns,
    ).toEqual(['card_number']);
  });

  it('fails if a write would limit columns or rows', () => {
    const port = mesh.product('payments.transactions').outputPorts[0];
    const request = {
      environment: 'dev',
      via: { kind: 'role', product: 'payments.transactions', role: 'engineer' } as const,
      product: 'payments.transactions',
      port,
      level: 'write' as const,
    };
    expect(() =>
      planAccess(mesh.classification, { ...request, allowance: { kind: 'clearance', level: 'restricted' }, rows: "country = 'FR'" }),
    ).toThrow('a write grant cannot limit columns or rows');
  });
});

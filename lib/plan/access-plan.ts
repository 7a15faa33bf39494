import type { DataProduct } from '../model/data-product';
import type { Grant } from '../model/grant';
import type { Mesh } from '../model/mesh';
import type { Purpose } from '../model/purpose';
import { AccessEntry, holderKey } from './access-entry';
import { AccessRequest, planAccess } from './plan-access';
import { ColumnAllowance } from './readable-columns';
import { withGlobalPolicies } from './policy-access';

/** Plans already made, per mesh and environment: meshes are immutable, and rules, stacks and the summary all ask. */
const PLANS = new WeakMap<Mesh, Map<string, readonly AccessEntry[]>>();

/**
 * The mesh's access plan: every principal's access to every table in every environment, with the
 * grant or binding that declares it. This is the meaning of the spec, independent of how it is
 * deployed; policy rules check it, the stacks deploy it, readback is compared with it. Sorted by
 * environment, holder, product and port.
 */
export function accessPlan(mesh: Mesh): AccessEntry[] {
  return mesh.environments.flatMap((e) => environmentPlan(mesh, e.name)).sort(compareEntries);
}

/**
 * The plan of one environment in declaration order: products by id, each with its grants, its
 * purpose bindings, then its overrides (ports sorted) in spec order, as global policies let them through, then
 * the subscriptions of each table. Stacks create resources in this order.
 */
export function environmentPlan(mesh: Mesh, environment: string): readonly AccessEntry[] {
  let plans = PLANS.get(mesh);
  if (plans === undefined) PLANS.set(mesh, (plans = new Map()));
  let plan = plans.get(environment);
  if (plan === undefined)
    plans.set(
      environment,
      (plan = withGlobalPolicies(
        mesh,
        environment,
        mesh.productsIn(environment).flatMap((p) => productPlan(mesh, p, environment)),
      )),
    );
  return plan;
}

function productPlan(mesh: Mesh, product: DataProduct, environment: string): AccessEntry[] {
  const out: AccessEntry[] = [];
  const add = (request: Omit<AccessRequest, 'environment' | 'product'>, path: AccessEntry['source']['path']) => {
    const planned = planAccess(mesh.classification, { ...request, environment, product: product.id });
    if (planned !== undefined) out.push({ ...planned, source: { path } });
  };
  const port = (name: string) => product.outputPorts.find((p) => p.name === name)!;
  for (const g of product.grants) {
    const { columns, rows, level } = g;
    const allowance = grantAllowance(product, g);
    if (g.grantee.kind === 'role') {
      add(
        { via: { kind: 'role', product: product.id, role: g.grantee.role }, port: port(g.port), level, columns, rows, allowance },
        g.specPath,
      );
    } else if (mesh.product(g.grantee.product).promotedTo.includes(environment)) {
      // Only where the consumer has arrived: elsewhere it has no roles to grant to.
      add(
        { via: { kind: 'consumer', product: g.grantee.product }, port: port(g.port), level: 'read', columns, rows, allowance },
        g.specPath,
      );
    }
  }
  for (const b of product.purposes) {
    const purpose = mesh.purpose(b.purpose);
    for (const name of b.ports) {
      add(
        {
          via: { kind: 'purpose', purpose: purpose.name },
          port: port(name),
          level: 'read',
          columns: b.columns,
          rows: b.rows,
          allowance: purposeAllowance(purpose),
        },
        b.specPath,
      );
    }
  }
  for (const o of product.overrides) {
    // The owner admits to what the owner sees: the whole product, within the override's columns and rows.
    for (const name of o.ports) {
      add(
        {
          via: { kind: 'override', product: product.id, user: o.user },
          port: port(name),
          level: 'read',
          columns: o.columns,
          rows: o.rows,
          allowance: { kind: 'clearance', level: product.roles.owner.clearance },
        },
        o.specPath,
      );
    }
  }
  return out;
}

/**
 * What a grant of `product` may show: its role's clearance, and for a consuming product this
 * product's Analyst clearance (sharing beyond that needs a purpose, which has an approver).
 */
export function grantAllowance(product: DataProduct, grant: Grant): Extract<ColumnAllowance, { kind: 'clearance' }> {
  return { kind: 'clearance', level: product.roles[grant.grantee.kind === 'role' ? grant.grantee.role : 'analyst'].clearance };
}

/** What a purpose binding may show: columns whose classes the purpose all allows. */
export function purposeAllowance(purpose: Purpose): ColumnAllowance {
  return { kind: 'classes', allowed: purpose.allowedClasses };
}

function compareEntries(a: AccessEntry, b: AccessEntry): number {
  const ka = `${a.environment}\u0000${holderKey(a.holder)}\u0000${a.product}\u0000${a.port}`;
  const kb = `${b.environment}\u0000${holderKey(b.holder)}\u0000${b.product}\u0000${b.port}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

import * as fc from 'fast-check';
import { Classification, ClassificationSpec, DataProductSpec, GrantSpec, MembersSpec, MeshSpec, PurposeBindingSpec } from '../../lib';
import { ProblemCollector, resolveClassification, toColumn } from '../../lib/model';
import { readableColumns } from '../../lib/plan';

/**
 * Small random meshes for the differential test: 1-4 products over two domains, 1-2 ports of
 * 1-4 columns with random entity tags (hence classes and levels), random classification levels,
 * product names short, dashed or long enough to shorten role names,
 * analyst clearances, role grants with or without columns and rows, consumer grants through input
 * ports, purpose bindings with or without columns and rows, random promotion dev -> prod, databases
 * and tables owned by meshgrant or existing already, and environments in hybrid access mode or
 * split per domain.
 * Choices are drawn as small numbers and resolved against what exists, so fast-check can shrink
 * a failing mesh to a minimal one.
 */
const LEVELS = ['public', 'internal', 'confidential', 'restricted'];
const ENTITIES = ['email', 'phone', 'amount', 'country'];
/** Row filters, on the first column the readers see that is not the partition key (a date, which filters cannot test). */
const ROWS = [(c: string) => `${c} = 'x'`, (c: string) => `${c} IS NOT NULL`];
const ROLES = ['analyst', 'engineer', 'owner'] as const;
const ACCOUNTS = { dev: '111111111111', prod: '222222222222' };

const membersArb: fc.Arbitrary<MembersSpec> = fc
  .record({
    groups: fc.subarray(['g1', 'g2', 'g3']),
    users: fc.subarray(['u1']),
    attributes: fc.subarray([{ department: 'finance' }, { department: ['data', 'risk'], country: 'FR' }], { maxLength: 1 }),
  })
  .map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v.length > 0)));

/** A subset of columns: a bit mask over them, never empty. */
const maskArb = fc.option(fc.nat({ max: 15 }), { nil: undefined });
const rowsArb = fc.option(fc.nat({ max: ROWS.length - 1 }), { nil: undefined });

const portArb = fc.record({
  columns: fc.array(fc.subarray(ENTITIES, { maxLength: 2 }), { minLength: 1, maxLength: 4 }),
  partitioned: fc.boolean(),
  dashed: fc.boolean(),
  /** Who creates the table; absent: the product catalog's owner. */
  owner: fc.constantFrom(undefined, 'meshgrant' as const, 'external' as const),
});

const productArb = fc.record({
  ports: fc.array(portArb, { minLength: 1, maxLength: 2 }),
  prod: fc.boolean(),
  /** Long names make role names exceed 64 characters (shortened with a hash); dashes become `_` in Glue names. */
  name: fc.constantFrom('plain', 'dashed-name', 'a-very-long-product-name-that-overflows-iam-role-names'),
  /** An existing database (owned elsewhere), under its own name and storage prefix, or one meshgrant creates. */
  externalDatabase: fc.boolean(),
  roles: fc.record({ analyst: membersArb, engineer: membersArb, owner: membersArb }),
  clearance: fc.option(fc.constantFrom(...LEVELS), { nil: undefined }),
  grants: fc.array(fc.record({ role: fc.nat({ max: 2 }), port: fc.nat(), level: fc.nat({ max: 2 }), columns: maskArb, rows: rowsArb }), {
    maxLength: 4,
  }),
  consumers: fc.array(fc.record({ source: fc.nat(), port: fc.nat(), columns: maskArb, rows: rowsArb }), { maxLength: 2 }),
  bindings: fc.array(fc.record({ purpose: fc.nat({ max: 1 }), ports: fc.nat({ max: 3 }), columns: maskArb, rows: rowsArb }), {
    maxLength: 2,
  }),
});

/** Random valid mesh specs. */
export const meshSpecArb: fc.Arbitrary<MeshSpec> = fc
  .record({
    defaultLevel: fc.constantFrom(...LEVELS),
    classLevels: fc.tuple(fc.constantFrom(...LEVELS), fc.constantFrom(...LEVELS), fc.constantFrom(...LEVELS)),
    purposes: fc.tuple(
      fc.record({ members: membersArb, allowedClasses: fc.subarray(['pii', 'fin', 'ref']) }),
      fc.record({ members: membersArb, allowedClasses: fc.subarray(['pii', 'fin', 'ref']) }),
    ),
    products: fc.array(productArb, { minLength: 1, maxLength: 4 }),
    /** Environments in hybrid access mode (tables also open to IAM-only access). */
    hybrid: fc.record({ dev: fc.boolean(), prod: fc.boolean() }),
    /** Environments split per domain: a foundation stack and a stack per domain (d1, d2). */
    split: fc.record({ dev: fc.boolean(), prod: fc.boolean() }),
  })
  .map(buildSpec);

type ProductPlan = typeof productArb extends fc.Arbitrary<infer P> ? P : never;

/** The random choices a mesh is built from. */
interface Plan {
  readonly defaultLevel: string;
  readonly classLevels: readonly [string, string, string];
  readonly purposes: readonly { members: MembersSpec; allowedClasses: string[] }[];
  readonly products: readonly ProductPlan[];
  readonly hybrid: Readonly<Record<keyof typeof ACCOUNTS, boolean>>;
  readonly split: Readonly<Record<keyof typeof ACCOUNTS, boolean>>;
}

function buildSpec(plan: Plan): MeshSpec {
  const identity = (env: keyof typeof ACCOUNTS) => ({
    groups: Object.fromEntries(['g1', 'g2', 'g3'].map((g) => [g, `arn:aws:iam::${ACCOUNTS[env]}:role/groups/${g}`])),
    users: { u1: `arn:aws:iam::${ACCOUNTS[env]}:role/people/u1` },
    attributeSessionPrincipals: [`arn:aws:iam::${ACCOUNTS[env]}:role/sessions/federated`],
  });
  const env = (name: keyof typeof ACCOUNTS) => ({
    name,
    account: ACCOUNTS[name],
    region: 'eu-west-1',
    backend: { bucket: `state-${name}` },
    dataBucket: `lake-${name}`,
    deployRoleArn: `arn:aws:iam::${ACCOUNTS[name]}:role/deploy`,
    identity: identity(name),
    ...(name === 'dev' ? { promotesTo: 'prod' } : {}),
    ...(plan.hybrid[name] ? { accessMode: 'hybrid' as const } : {}),
    ...(plan.split[name] ? { stacks: 'per-domain' as const } : {}),
  });
  const ids = plan.products.map((p, i) => `d${(i % 2) + 1}.${p.name}${i}`);
  const classification: ClassificationSpec = {
    levels: LEVELS,
    defaultLevel: plan.defaultLevel,
    classes: {
      pii: { level: plan.classLevels[0], entities: ['email', 'phone'] },
      fin: { level: plan.classLevels[1], entities: ['amount'] },
      ref: { level: plan.classLevels[2], entities: ['country'] },
    },
  };
  const scheme = resolveClassification(classification, new ProblemCollector())!;
  const products = plan.products.map((_, i) => productSpec(plan, scheme, ids, i));
  return {
    name: 'gen',
    classification,
    environments: [env('dev'), env('prod')],
    domains: [{ name: 'd1' }, { name: 'd2' }],
    purposes: plan.purposes.map((p, i) => ({ name: `purpose${i + 1}`, approver: 'approver', ...p })),
    products,
  };
}

/** A row filter only on a column its readers see: one on a hidden column is refused (it would reveal the column's values). */
function rowsOn(visible: readonly string[], filter: number | undefined): string | undefined {
  const column = visible.find((c) => c !== 'pk');
  return filter === undefined || column === undefined ? undefined : ROWS[filter](column);
}

function productSpec(plan: Plan, scheme: Classification, ids: string[], i: number): DataProductSpec {
  const p = plan.products[i];
  const promotedTo = (j: number) => (plan.products[j].prod ? ['dev', 'prod'] : ['dev']);
  const ports = p.ports.map((port, j) => ({
    name: port.dashed ? `port-${j}` : `port${j}`,
    columns: port.columns.map((tags, k) => ({ name: `c${k + 1}`, type: 'string', ...(tags.length > 0 ? { tags } : {}) })),
    ...(port.partitioned || port.owner !== undefined
      ? {
          table: strip({
            partitionKeys: port.partitioned ? [{ name: 'pk', type: 'date' }] : undefined,
            owner: port.owner,
          }),
        }
      : {}),
  }));
  const columnsOf = (j: number) => [...ports[j].columns.map((c) => c.name), ...(ports[j].table?.partitionKeys ? ['pk'] : [])];
  const modelOf = (j: number) => ({
    columns: [
      ...ports[j].columns.map((c) => toColumn(scheme, c, false)),
      ...(ports[j].table?.partitionKeys ?? []).map((c) => toColumn(scheme, c, true)),
    ],
  });
  const analystClearance = p.clearance ?? plan.defaultLevel;
  const pick = (all: string[], mask: number | undefined) => {
    if (mask === undefined) return undefined;
    const chosen = all.filter((_, k) => (mask >> k) & 1);
    return chosen.length > 0 ? chosen : [all[0]];
  };

  const grants: GrantSpec[] = [];
  const granted = new Set<string>();
  for (const g of p.grants) {
    const role = ROLES[g.role];
    const j = g.port % ports.length;
    const level = (['read', 'write', 'admin'] as const)[Math.min(g.level, ROLES.indexOf(role))];
    if (granted.has(`${role}/${j}`)) continue;
    granted.add(`${role}/${j}`);
    const columns = pick(columnsOf(j), g.columns);
    const clearance = role === 'analyst' ? analystClearance : scheme.topLevel;
    const limits =
      level === 'read'
        ? { columns, rows: rowsOn(readableColumns(scheme, modelOf(j), { kind: 'clearance', level: clearance }, columns), g.rows) }
        : {};
    grants.push(strip({ role, port: ports[j].name, level, ...limits }));
  }
  // Consumers: later products that read this one's ports through an input port.
  const consumerGrants = plan.products.flatMap((_, j) =>
    consumersOf(plan, j)
      .filter((c) => c.source === i)
      .map((c) => ({ ...c, consumer: j })),
  );
  for (const c of consumerGrants) {
    const port = ports[c.port % ports.length].name;
    if (granted.has(`${ids[c.consumer]}/${port}`)) continue;
    granted.add(`${ids[c.consumer]}/${port}`);
    const columns = pick(columnsOf(c.port % ports.length), c.columns);
    const rows = rowsOn(
      readableColumns(scheme, modelOf(c.port % ports.length), { kind: 'clearance', level: analystClearance }, columns),
      c.rows,
    );
    grants.push(strip({ consumer: ids[c.consumer], port, level: 'read' as const, columns, rows }));
  }
  const inputs = consumersOf(plan, i).map((c) => ({ product: ids[c.source], port: portName(plan, c.source, c.port) }));

  const bindings: PurposeBindingSpec[] = [];
  for (const b of p.bindings) {
    const purpose = `purpose${b.purpose + 1}`;
    if (bindings.some((x) => x.purpose === purpose)) continue;
    const bound = ports.filter((_, j) => (b.ports >> j) & 1 || ports.length === 1);
    const chosen = bound.length > 0 ? bound : [ports[0]];
    const all = [...new Set(chosen.flatMap((port) => columnsOf(ports.indexOf(port))))];
    const columns = pick(all, b.columns);
    const allowedClasses = plan.purposes[b.purpose].allowedClasses;
    // The filter must name a column every bound port has and shows the purpose.
    const visible = chosen.map((port) =>
      readableColumns(scheme, modelOf(ports.indexOf(port)), { kind: 'classes', allowed: allowedClasses }, columns),
    );
    const rows = rowsOn(
      visible[0].filter((c) => visible.every((v) => v.includes(c))),
      b.rows,
    );
    bindings.push(strip({ purpose, ports: chosen.map((x) => x.name), columns, rows }));
  }

  return {
    id: ids[i],
    info: { title: `Product ${i}`, owner: 'owner', domain: ids[i].split('.')[0] },
    promotedTo: promotedTo(i),
    outputPorts: ports,
    ...(p.externalDatabase
      ? { catalog: { owner: 'external', database: `lake_${ids[i].replace(/[.-]/g, '_')}`, storagePrefix: `raw/${ids[i]}` } }
      : {}),
    inputPorts: dedupe(inputs),
    roles: {
      analyst: { members: p.roles.analyst, ...(p.clearance ? { clearance: p.clearance } : {}) },
      engineer: { members: p.roles.engineer },
      owner: { members: p.roles.owner },
    },
    grants,
    purposes: bindings,
  };
}

/** The consumer edges product `j` declares, kept only when valid: another, earlier product promoted at least as far. */
function consumersOf(plan: Plan, j: number): { source: number; port: number; columns?: number; rows?: number }[] {
  if (j === 0) return [];
  const seen = new Set<string>();
  return plan.products[j].consumers
    .map((c) => ({ ...c, source: c.source % j }))
    .filter((c) => plan.products[c.source].prod || !plan.products[j].prod)
    .filter((c) => {
      const key = `${c.source}/${portName(plan, c.source, c.port)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function portName(plan: Plan, product: number, port: number): string {
  const ports = plan.products[product].ports;
  const j = port % ports.length;
  return ports[j].dashed ? `port-${j}` : `port${j}`;
}

function dedupe<T>(xs: T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => !seen.has(JSON.stringify(x)) && !!seen.add(JSON.stringify(x)));
}

/** Drops undefined fields: the spec leaves absent what is not set. */
function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

import { Prng } from '../../bench/prng';
import type { AttributeSpec } from '../../lib/abac/attributes';
import type { ConditionSpec } from '../../lib/abac/condition';
import type { GlobalPolicySpec, PolicyTargetSpec } from '../../lib/abac/global-policy';
import type { DirectoryPerson, DirectorySnapshot } from '../../lib/directory/directory';
import type { DataProductSpec, GrantSpec, MembersSpec, MeshSpec } from '../../lib/model';

/**
 * Small random meshes with global policies, and a directory of people for them, for the
 * differential test of attribute-based access: random attributes (flat or hierarchical, single-
 * or multi-valued, with or without declared values), data tags drawn from one small hierarchy,
 * subscriptions (shared and always-required) with attribute, group, user, tag-matching, NOT and
 * any-of conditions, row policies by one or two attributes with purpose and group exceptions,
 * product roles and purposes whose members are groups, users or attribute rules. The vocabulary
 * is tiny on purpose: policies, tags and people's values collide often, which is where merging,
 * hierarchy and segments are decided. Seeded (bench/prng.ts): a seed names one mesh for ever.
 */

/** Paths that are values of attributes and data tags alike; `AB` is never within `A`. */
const PATHS = ['A', 'A.B', 'A.B.C', 'B', 'AB'];
/** What people may hold: the paths, one below them, and values nobody declares. */
const HELD = [...PATHS, 'A.B.C.D', 'C', 'Z'];
const GROUPS = ['g1', 'g2', 'g3'];
const USERS = ['u1', 'u2'];
const ATTRIBUTES = ['a1', 'a2', 'a3'];
const PURPOSES = ['pa', 'pb'];
const ACCOUNTS = { dev: '111111111111', prod: '222222222222' } as const;
/** Row filters of row policies: `@x`, `@y` stand for the one or two attributes each uses. */
const ROW_POLICIES = ['r1 = @x', 'r1 = @x AND r2 = @y', "r1 = @x OR r2 = 'B'", "r2 IN (@x, 'C')", 'NOT (r1 = @x)'];

/** One generated case: a mesh spec and the people of its directory. */
export interface PolicyMeshCase {
  readonly seed: number;
  readonly spec: MeshSpec;
  readonly directory: DirectorySnapshot;
}

/** The mesh and directory of one seed. */
export function generatePolicyMesh(seed: number): PolicyMeshCase {
  const rng = new Prng(seed);
  const attributes = generateAttributes(rng);
  const twoEnvironments = rng.chance(0.15);
  const environments = (twoEnvironments ? (['dev', 'prod'] as const) : (['dev'] as const)).map((name) =>
    environment(name, twoEnvironments),
  );
  const products = Array.from({ length: rng.int(1, 2) }, (_, i) => generateProduct(rng, attributes, i, twoEnvironments));
  const ports = products.flatMap((p) => p.outputPorts.map((o) => `${p.id}/${o.name}`));
  const policies = Array.from({ length: rng.int(1, 4) }, (_, i) => generatePolicy(rng, attributes, products, ports, i));
  const spec: MeshSpec = {
    name: 'abac',
    classification: {
      levels: ['public', 'internal', 'confidential'],
      defaultLevel: 'internal',
      classes: { pii: { level: 'confidential', entities: ['email'] }, ref: { level: 'public', entities: ['code'] } },
    },
    environments,
    domains: [{ name: 'd1' }, { name: 'd2' }],
    attributes,
    purposes: PURPOSES.map((name) => ({
      name,
      approver: 'approver',
      members: generateMembers(rng, attributes),
      allowedClasses: rng.sample(['pii', 'ref'], rng.int(0, 2)),
    })),
    products,
    policies: policies.filter((p): p is GlobalPolicySpec => p !== undefined),
  };
  return { seed, spec, directory: generateDirectory(rng, attributes) };
}

function generateAttributes(rng: Prng): AttributeSpec[] {
  return ATTRIBUTES.filter((_, i) => i === 0 || rng.chance(0.6)).map((name) => ({
    name,
    ...(rng.chance(0.85) ? { values: rng.sample(PATHS, rng.int(2, 3)) } : {}),
    ...(rng.chance(0.5) ? { hierarchical: true } : {}),
    ...(rng.chance(0.4) ? { multiValued: true } : {}),
  }));
}

function environment(name: keyof typeof ACCOUNTS, promotes: boolean): MeshSpec['environments'][number] {
  const account = ACCOUNTS[name];
  return {
    name,
    account,
    region: 'eu-west-1',
    backend: { bucket: `state-${name}` },
    dataBucket: `lake-${name}`,
    deployRoleArn: `arn:aws:iam::${account}:role/deploy`,
    identity: {
      groups: Object.fromEntries(GROUPS.map((g) => [g, `arn:aws:iam::${account}:role/groups/${g}`])),
      users: Object.fromEntries(USERS.map((u) => [u, `arn:aws:iam::${account}:role/people/${u}`])),
      attributeSessionPrincipals: [`arn:aws:iam::${account}:role/sessions/federated`],
    },
    ...(name === 'dev' && promotes ? { promotesTo: 'prod' } : {}),
  };
}

/** Values a condition on the attribute may name: its declared ones, or any path. */
const nameable = (a: AttributeSpec) => a.values ?? PATHS;

function generateMembers(rng: Prng, attributes: readonly AttributeSpec[]): MembersSpec {
  const groups = rng.sample(GROUPS, rng.int(0, 2));
  const users = rng.chance(0.3) ? [rng.pick(USERS)] : [];
  const rule = () => {
    const a = rng.pick(attributes);
    return { [a.name]: rng.sample(nameable(a), rng.int(1, 2)) };
  };
  const attributeRules = rng.chance(0.35) ? [rule()] : [];
  return {
    ...(groups.length > 0 ? { groups } : {}),
    ...(users.length > 0 ? { users } : {}),
    ...(attributeRules.length > 0 ? { attributes: attributeRules } : {}),
  };
}

function generateProduct(rng: Prng, attributes: readonly AttributeSpec[], i: number, twoEnvironments: boolean): DataProductSpec {
  const domain = rng.pick(['d1', 'd2']);
  const id = `${domain}.p${i}`;
  const outputPorts = Array.from({ length: rng.int(1, 2) }, (_, j) => ({
    name: `t${j}`,
    ...(rng.chance(0.8) ? { tags: rng.sample(PATHS, rng.int(1, 2)) } : {}),
    columns: [
      { name: 'r1', type: 'string' },
      { name: 'r2', type: 'string' },
      ...(rng.chance(0.5) ? [{ name: 'email', type: 'string', tags: ['email'] }] : []),
      ...(rng.chance(0.5) ? [{ name: 'code', type: 'string', tags: ['code'] }] : []),
    ],
  }));
  const grants: GrantSpec[] = outputPorts.flatMap((port) => [
    ...(rng.chance(0.75)
      ? [
          {
            role: 'analyst' as const,
            port: port.name,
            level: 'read' as const,
            ...(rng.chance(0.25) ? { rows: "r2 = 'A'" } : {}),
            ...(rng.chance(0.2) ? { columns: ['r1', 'r2'] } : {}),
          },
        ]
      : []),
    ...(rng.chance(0.5) ? [{ role: 'engineer' as const, port: port.name, level: 'write' as const }] : []),
    ...(rng.chance(0.3) ? [{ role: 'owner' as const, port: port.name, level: 'admin' as const }] : []),
  ]);
  const bindings = PURPOSES.filter(() => rng.chance(0.35)).map((purpose) => ({
    purpose,
    ports: [outputPorts[0].name],
    ...(rng.chance(0.3) ? { rows: "r1 = 'B'" } : {}),
  }));
  return {
    id,
    info: { title: `Product ${i}`, owner: 'owner', domain },
    promotedTo: twoEnvironments && rng.chance(0.6) ? ['dev', 'prod'] : ['dev'],
    outputPorts,
    roles: {
      analyst: { members: generateMembers(rng, attributes) },
      engineer: { members: generateMembers(rng, attributes) },
      owner: { members: generateMembers(rng, attributes) },
    },
    grants,
    purposes: bindings,
  };
}

function generateTarget(rng: Prng, products: readonly DataProductSpec[], ports: readonly string[]): PolicyTargetSpec {
  switch (rng.int(0, 5)) {
    case 0:
      return 'everything';
    case 1:
      return { domains: [rng.pick(['d1', 'd2'])] };
    case 2:
      return { products: [rng.pick(products).id] };
    case 3:
      return { ports: [rng.pick(ports)] };
    case 4:
      return { classes: ['pii'] };
    default:
      return { tags: rng.sample(PATHS, rng.int(1, 2)) };
  }
}

function generateCondition(rng: Prng, attributes: readonly AttributeSpec[], depth: number): ConditionSpec {
  const kind = rng.int(0, depth > 0 ? 6 : 3);
  switch (kind) {
    case 0:
    case 1:
    case 2: {
      // Groups and users now and then: a session proves one membership only, so conditions
      // combining them with a role's members are mostly refused (condition-trust.ts).
      if (rng.chance(0.2)) return rng.chance(0.7) ? { groups: rng.sample(GROUPS, rng.int(1, 2)) } : { users: [rng.pick(USERS)] };
      const a = rng.pick(attributes);
      return { attributes: { [a.name]: rng.sample(nameable(a), rng.int(1, 2)) } };
    }
    case 3:
      return { tagMatchesAttribute: rng.pick(attributes).name };
    case 4:
      return { not: generateCondition(rng, attributes, depth - 1) };
    case 5:
      return { anyOf: [generateCondition(rng, attributes, depth - 1), generateCondition(rng, attributes, depth - 1)] };
    default:
      // Keys of one condition hold together (AND).
      return { ...generateCondition(rng, attributes, 0), not: generateCondition(rng, attributes, 0) };
  }
}

function generatePolicy(
  rng: Prng,
  attributes: readonly AttributeSpec[],
  products: readonly DataProductSpec[],
  ports: readonly string[],
  i: number,
): GlobalPolicySpec | undefined {
  const on = generateTarget(rng, products, ports);
  const segmentable = attributes.filter((a) => a.values !== undefined);
  if (rng.chance(0.35) && segmentable.length > 0) {
    const rows = rng.pick(ROW_POLICIES);
    const [x, y] = [rng.pick(segmentable), rng.pick(segmentable)];
    const except = {
      ...(rng.chance(0.3) ? { purposes: [rng.pick(PURPOSES)] } : {}),
      ...(rng.chance(0.3) ? { groups: [rng.pick(GROUPS)] } : {}),
    };
    return {
      name: `rows-${i}`,
      on,
      rows: rows.replace('@x', `@${x.name}`).replace('@y', `@${y.name}`),
      ...(Object.keys(except).length > 0 ? { except } : {}),
    };
  }
  return {
    name: `sub-${i}`,
    on,
    allow: generateCondition(rng, attributes, 2),
    ...(rng.chance(0.35) ? { merge: 'always-required' as const } : {}),
  };
}

function generateDirectory(rng: Prng, attributes: readonly AttributeSpec[]): DirectorySnapshot {
  const names = [...USERS, 'p1', 'p2', 'p3', 'p4', 'p5', 'p6'].sort();
  const people = names.map((name): DirectoryPerson => {
    const held: Record<string, string[]> = {};
    for (const a of attributes) {
      // Mostly declared values, so that segments and conditions are met; sometimes others.
      const pool = rng.chance(0.7) && a.values ? a.values : HELD;
      const count = a.multiValued ? rng.int(0, 3) : rng.int(0, 1);
      const values = [...new Set(Array.from({ length: count }, () => rng.pick(pool)))].sort();
      if (values.length > 0) held[a.name] = values;
    }
    return { name, groups: rng.sample([...GROUPS, 'other'], rng.int(0, 2)), attributes: held };
  });
  return { people };
}

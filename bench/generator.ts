/**
 * Deterministic synthetic meshes for benchmarks: N products with a realistic mix of ports,
 * classified columns, roles with group and attribute members, consumer grants through input
 * ports, purposes with column subsets and row filters, and promotion dev -> (staging ->) prod
 * with some products not promoted all the way; on request, global policies (attributes of
 * people, subscriptions, a row policy).
 */
import type { AttributeSpec } from '../lib/abac/attributes';
import type { GlobalPolicySpec } from '../lib/abac/global-policy';
import {
  AttributeRule,
  ClassificationSpec,
  ColumnSpec,
  DataProductSpec,
  buildMesh,
  EnvironmentSpec,
  GrantSpec,
  InputPortSpec,
  MeshSpec,
  OutputPortSpec,
  ProductRoleSpec,
  PurposeBindingSpec,
  PurposeSpec,
} from '../lib/model';
import { checkPolicies } from '../lib/policy/check-policies';
import { Prng } from './prng';

/** What to generate. */
export interface MeshShape {
  readonly products: number;
  /** 2: dev -> prod; 3: dev -> staging -> prod. */
  readonly environments: 2 | 3;
  /** @default 1 */
  readonly seed?: number;
  /**
   * Global policies (docs/abac.md): declared attributes of people, subscriptions and a row
   * policy (`globalPolicies` below). Off by default, so that the synthesis figures
   * of docs/performance.md keep measuring the same meshes; the change-cost table turns it on.
   * @default false
   */
  readonly policies?: boolean;
}

export const BENCH_CLASSIFICATION: ClassificationSpec = {
  levels: ['public', 'internal', 'confidential', 'restricted'],
  defaultLevel: 'internal',
  classes: {
    reference: { level: 'public', entities: ['country_code', 'currency_code', 'calendar_date'] },
    financial: { level: 'confidential', entities: ['monetary_amount', 'iban'] },
    pii: { level: 'confidential', entities: ['email', 'full_name', 'date_of_birth', 'phone_number', 'postal_address'] },
    pci: { level: 'restricted', entities: ['payment_card_number'] },
  },
};

const DOMAINS = [
  'payments',
  'customers',
  'marketing',
  'logistics',
  'risk',
  'sales',
  'finance',
  'supply',
  'support',
  'hr',
  'inventory',
  'pricing',
];
const NOUNS = [
  'orders',
  'transactions',
  'profiles',
  'shipments',
  'invoices',
  'campaigns',
  'claims',
  'tickets',
  'stock',
  'prices',
  'visits',
  'contracts',
];
const PURPOSES: readonly { name: string; allowedClasses: string[] }[] = [
  { name: 'fraud-detection', allowedClasses: ['financial', 'pii', 'reference'] },
  { name: 'marketing-analytics', allowedClasses: ['reference'] },
  { name: 'finance-reporting', allowedClasses: ['financial', 'reference'] },
  { name: 'customer-support', allowedClasses: ['pii', 'reference'] },
  { name: 'risk-modelling', allowedClasses: ['financial', 'reference'] },
  { name: 'product-analytics', allowedClasses: [] },
  { name: 'supply-planning', allowedClasses: ['reference'] },
  { name: 'compliance-audit', allowedClasses: ['financial', 'pci', 'pii', 'reference'] },
];
export const COUNTRIES = ['US', 'FR', 'DE', 'GB', 'ES', 'IT'];
/** Entity tags by share of columns: ~20% PII, ~10% financial, ~3% card data, ~12% reference. */
const ENTITY_MIX: readonly { upTo: number; entities: readonly string[] }[] = [
  { upTo: 0.2, entities: ['email', 'full_name', 'date_of_birth', 'phone_number', 'postal_address'] },
  { upTo: 0.3, entities: ['monetary_amount', 'iban'] },
  { upTo: 0.33, entities: ['payment_card_number'] },
  { upTo: 0.45, entities: ['currency_code', 'calendar_date'] },
];
const TYPE_OF: Readonly<Record<string, string>> = { date_of_birth: 'date', calendar_date: 'date', monetary_amount: 'decimal(12,2)' };

/** A product being generated: it will be promoted to the first `stage` environments of the chain. */
interface Draft {
  readonly spec: Omit<DataProductSpec, 'grants' | 'inputPorts'>;
  readonly stage: number;
  readonly grants: GrantSpec[];
  readonly inputPorts: InputPortSpec[];
}

/** A valid mesh spec of `shape.products` products; the same shape always gives the same spec. */
export function generateMeshSpec(shape: MeshShape): MeshSpec {
  const rng = new Prng(shape.seed ?? 1);
  const chain = shape.environments === 3 ? ['dev', 'staging', 'prod'] : ['dev', 'prod'];
  const domainNames = Array.from({ length: Math.max(3, Math.ceil(shape.products / 10)) }, (_, i) =>
    i < DOMAINS.length ? DOMAINS[i] : `${DOMAINS[i % DOMAINS.length]}-${Math.floor(i / DOMAINS.length) + 1}`,
  );
  const purposes = PURPOSES.slice(0, Math.min(PURPOSES.length, 3 + Math.floor(shape.products / 100))).map((p): PurposeSpec => {
    // Every member is approved by the purpose's approver (security/purpose-member-approval); the
    // purpose roles carry the approvals as `Approval<n>` tags (lib/aws/approval-tags.ts).
    const approval = { approvedBy: `approver-${p.name}`, approvedOn: '2026-01-15', reason: 'generated member' };
    return {
      name: p.name,
      approver: approval.approvedBy,
      members: {
        groups: [{ name: `${p.name}-team`, ...approval }],
        ...(rng.chance(0.4) ? { attributes: [{ rule: attributeRule(rng, p.name.split('-')[0]), ...approval }] } : {}),
      },
      allowedClasses: p.allowedClasses,
    };
  });
  const owners = Array.from({ length: Math.max(2, Math.ceil(shape.products / 5)) }, (_, i) => `owner.${i + 1}`);

  const drafts: Draft[] = [];
  for (let i = 0; i < shape.products; i++) {
    drafts.push(draftProduct(rng, i, rng.pick(domainNames), rng.pick(owners), chain.length, purposes));
  }
  addConsumers(rng, drafts);

  const groups = [
    ...domainNames.flatMap((d) => [`${d}-analysts`, `${d}-data-eng`, `${d}-owners`]),
    ...purposes.map((p) => `${p.name}-team`),
  ];
  const sandboxes = domainNames.map((d) => `${d}-sandbox`);
  const environments = chain.map((name, i): EnvironmentSpec => {
    const account = String(100000000000 + (i + 1) * 111111111);
    const sso = (group: string) =>
      `arn:aws:iam::${account}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_${group}_${hex(rng)}`;
    return {
      name,
      account,
      region: 'eu-west-1',
      ...(i + 1 < chain.length ? { promotesTo: chain[i + 1] } : {}),
      backend: { bucket: `bench-terraform-state-${name}` },
      dataBucket: `bench-lake-${name}`,
      deployRoleArn: `arn:aws:iam::${account}:role/meshgrant-deploy`,
      identity: {
        // Sandbox groups exist in the first environment only, like real dev-only teams.
        groups: Object.fromEntries([...groups, ...(i === 0 ? sandboxes : [])].map((g) => [g, sso(g)])),
        users: Object.fromEntries(owners.map((u) => [u, `arn:aws:iam::${account}:role/people/${u}`])),
        // A fixed name, so that the random draws (and so the rest of the mesh) stay as they were.
        attributeSessionPrincipals: [
          `arn:aws:iam::${account}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_DataConsumers_0123456789abcdef`,
        ],
      },
      tags: { CostCenter: 'data-platform' },
    };
  });

  const spec: MeshSpec = {
    name: 'bench',
    classification: BENCH_CLASSIFICATION,
    environments,
    domains: domainNames.map((name) => ({ name })),
    purposes,
    policy: {
      suppressions: [
        // Bindings are drawn at random, blind to what the ports they consume restrict for the same purpose.
        { rule: 'security/downstream-privacy', reason: 'generated benchmark: bindings are random, not a privacy design' },
        // Past 1000 products per environment the `dataproduct` LF-tag needs a raised quota, as a real mesh would.
        ...(shape.products > 1000
          ? [{ rule: 'aws/lf-tag-quotas', reason: 'Lake Formation quota raised for the benchmark accounts (hypothetical support case)' }]
          : []),
      ],
    },
    ...(shape.policies ? globalPolicies(domainNames, purposes) : {}),
    products: drafts.map((d) => ({
      ...d.spec,
      promotedTo: chain.slice(0, d.stage),
      ...(d.grants.length > 0 ? { grants: d.grants } : {}),
      ...(d.inputPorts.length > 0 ? { inputPorts: d.inputPorts } : {}),
    })),
  };
  return shape.policies ? withRoleQuotaRaised(spec) : spec;
}

/**
 * Global policies add IAM roles (one per merged condition, guarded way in and segment): past the
 * 1,000 roles per account (about 300 products here), `aws/policy-expansion-limits` stops synthesis
 * until the quota is raised, as a real mesh would have it raised. Decided by the rule itself, so
 * the suppression is there exactly when it matches a finding (its other check, filter lengths,
 * cannot fire here: `country = 'FR'` ANDed with a short list of countries).
 */
function withRoleQuotaRaised(spec: MeshSpec): MeshSpec {
  const rule = 'aws/policy-expansion-limits';
  const findings = checkPolicies(buildMesh(spec)).findings.filter((f) => f.rule === rule);
  if (findings.length === 0) return spec;
  const reason = 'IAM roles-per-account quota raised for the benchmark accounts (hypothetical support case)';
  return { ...spec, policy: { ...spec.policy, suppressions: [...(spec.policy?.suppressions ?? []), { rule, reason }] } };
}

/**
 * Departments people belong to: one per domain (Analysts' attribute rules name their domain), one
 * per purpose's team (`fraud`, `finance`, ...), and those the policies name.
 */
function departments(domainNames: readonly string[], purposes: readonly PurposeSpec[]): string[] {
  return [...new Set([...domainNames, ...purposes.map((p) => p.name.split('-')[0]), 'finance', 'risk'])].sort();
}

/**
 * What a real organisation's federated governance writes once for the whole mesh, on top of the
 * classification (which already keeps PII, financial and card columns from whoever reads by
 * default level, "nobody sees PII by default"):
 * - people carry a department and a country (single-valued, as the generated directory gives them);
 * - `finance-reads-<first domain>`: finance reads the first domain's tables (a shared subscription);
 * - `risk-reads-financial`: risk reads every table holding financial data, up to the default
 *   level (a subscription on a class of columns; the financial columns themselves stay hidden
 *   unless a purpose that allows them is the way in);
 * - `own-country-<second domain>`: readers of the second domain's tables (customer data) see
 *   the rows of their country, except through fraud detection, which sees every row (a row policy).
 * No draw from the generator: the rest of the mesh is the same with or without policies.
 */
function globalPolicies(domainNames: readonly string[], purposes: readonly PurposeSpec[]): Pick<MeshSpec, 'attributes' | 'policies'> {
  const attributes: AttributeSpec[] = [
    { name: 'country', values: [...COUNTRIES].sort() },
    { name: 'department', values: departments(domainNames, purposes) },
  ];
  const [first, second] = domainNames;
  const policies: GlobalPolicySpec[] = [
    {
      name: `finance-reads-${first}`,
      description: `Finance reads ${first} data`,
      on: { domains: [first] },
      allow: { attributes: { department: ['finance'] } },
    },
    {
      name: 'risk-reads-financial',
      description: 'Risk reads the tables that hold financial data, up to the default level',
      on: { classes: ['financial'] },
      allow: { attributes: { department: ['risk'] } },
    },
    {
      name: `own-country-${second}`,
      description: `Readers of ${second} data see the rows of their country; fraud detection sees every row`,
      on: { domains: [second] },
      rows: 'country = @country',
      except: { purposes: ['fraud-detection'] },
    },
  ];
  return { attributes, policies };
}

function draftProduct(rng: Prng, index: number, domain: string, owner: string, envs: number, purposes: readonly PurposeSpec[]): Draft {
  // Most products reach every environment; about a quarter stay in dev (and some in staging).
  const stage = rng.chance(0.25) ? 1 : envs === 3 && rng.chance(0.2) ? 2 : envs;
  const name = `${rng.pick(NOUNS)}-${index + 1}`;
  const ports = Array.from({ length: rng.int(1, 4) }, (_, i) => outputPort(rng, `${name.split('-')[0]}${i === 0 ? '' : `-${i}`}`));
  const devOnly = stage === 1 && rng.chance(0.5);
  const roles: Record<'analyst' | 'engineer' | 'owner', ProductRoleSpec> = {
    analyst: rng.chance(0.03)
      ? {}
      : {
          members: { groups: [`${domain}-analysts`], ...(rng.chance(0.3) ? { attributes: [attributeRule(rng, domain)] } : {}) },
          // Not above the default: the security rules keep PII out of Analyst and consumer grants.
          ...(rng.chance(0.3) ? { clearance: 'public' } : {}),
        },
    engineer: { members: { groups: [devOnly ? `${domain}-sandbox` : `${domain}-data-eng`] } },
    owner: { members: rng.chance(0.6) ? { users: [owner] } : { groups: [`${domain}-owners`] } },
  };
  const grants: GrantSpec[] = [];
  for (const port of ports) {
    if (rng.chance(0.9)) grants.push({ role: 'analyst', port: port.name, level: 'read', ...readLimits(rng, port, 0.15, 0.1) });
    grants.push({ role: 'engineer', port: port.name, level: 'write' });
    grants.push({ role: 'owner', port: port.name, level: 'admin' });
  }
  // Every product serves at least one purpose (a readiness rule).
  const bindings = rng.sample(purposes, rng.int(1, 3)).map((p): PurposeBindingSpec => {
    const bound = rng.sample(ports, rng.int(1, ports.length));
    return {
      purpose: p.name,
      ports: bound.map((b) => b.name),
      ...readLimits(rng, bound[0], 0.25, 0.2, (p.allowedClasses ?? []).includes('reference')),
    };
  });
  return {
    spec: {
      id: `${domain}.${name}`,
      info: {
        title: `${name} of ${domain}`,
        description: `Synthetic ${name.split('-')[0]} of ${domain}, one row per event`,
        owner,
        domain,
      },
      promotedTo: [],
      outputPorts: ports,
      roles,
      purposes: bindings,
      policies: { retention: rng.pick(['P1Y', 'P3Y', 'P7Y']) },
    },
    stage,
    grants,
    inputPorts: [],
  };
}

function outputPort(rng: Prng, name: string): OutputPortSpec {
  const columns: ColumnSpec[] = [
    { name: `${name.replace(/-/g, '_')}_id`, type: 'string', unclassified: 'Opaque surrogate key' },
    // Every table has a country: row filters of grants and purposes select on it.
    { name: 'country', type: 'string', tags: ['country_code'] },
  ];
  const used = new Set(columns.map((c) => c.name));
  const count = rng.int(5, 30);
  while (columns.length < count) {
    const roll = rng.next();
    const mix = ENTITY_MIX.find((m) => roll < m.upTo);
    const entity = mix ? rng.pick(mix.entities) : undefined;
    let column = entity ?? `attribute_${columns.length}`;
    if (used.has(column)) column = `${column}_${columns.length}`;
    used.add(column);
    columns.push(
      entity
        ? { name: column, type: TYPE_OF[entity] ?? 'string', tags: [entity] }
        : { name: column, type: rng.pick(['string', 'bigint', 'double', 'boolean']), unclassified: 'Operational attribute' },
    );
  }
  const partitioned = rng.chance(0.4);
  return {
    name,
    columns,
    ...(partitioned ? { table: { partitionKeys: [{ name: 'event_date', type: 'date', tags: ['calendar_date'] }] } } : {}),
  };
}

/**
 * Optional column subset (about half the port's columns) and row filter of a read. The filter tests
 * `country`, so it is kept only where the readers may see that column (`countryVisible`), and the
 * subset then includes it: a filter on a hidden column is refused, as it would reveal its values.
 */
function readLimits(
  rng: Prng,
  port: OutputPortSpec,
  pColumns: number,
  pRows: number,
  countryVisible = true,
): { columns?: string[]; rows?: string } {
  const names = port.columns.map((c) => c.name);
  const columns = rng.chance(pColumns) ? rng.sample(names, Math.max(2, Math.ceil(names.length / 2))) : undefined;
  const drawn = rng.chance(pRows)
    ? `country IN (${rng
        .sample(COUNTRIES, rng.int(1, 3))
        .map((c) => `'${c}'`)
        .join(', ')})`
    : undefined;
  const rows = countryVisible ? drawn : undefined;
  const visible = columns && rows !== undefined && !columns.includes('country') ? [...columns, 'country'] : columns;
  return { ...(visible ? { columns: visible } : {}), ...(rows !== undefined ? { rows } : {}) };
}

function attributeRule(rng: Prng, department: string): AttributeRule {
  return { department, country: rng.sample(COUNTRIES, rng.int(1, 3)) };
}

/**
 * About 30% of products read one or two ports of other products: an input port on the consumer,
 * a consumer grant on the source. A source must reach every environment its consumer reaches.
 */
function addConsumers(rng: Prng, drafts: readonly Draft[]): void {
  if (drafts.length < 2) return;
  for (const consumer of drafts) {
    if (!rng.chance(0.3)) continue;
    for (let k = rng.int(1, 2); k > 0; k--) {
      const source = rng.pick(drafts);
      // A source promoted further than its consumer is fine: the grant waits for the consumer there.
      if (source === consumer || source.stage < consumer.stage) continue;
      const port = rng.pick(source.spec.outputPorts);
      if (consumer.inputPorts.some((ip) => ip.product === source.spec.id && ip.port === port.name)) continue;
      consumer.inputPorts.push({ product: source.spec.id, port: port.name });
      source.grants.push({ consumer: consumer.spec.id, port: port.name, level: 'read', ...readLimits(rng, port, 0.3, 0.15) });
    }
  }
}

function hex(rng: Prng): string {
  return Array.from({ length: 16 }, () => rng.int(0, 15).toString(16)).join('');
}

import { DataProductSpec, EnvironmentSpec, ForeignPrincipalSpec, GrantSpec, MeshSpec, ProductRoleSpec, buildMesh } from '../../lib';
import type { ConditionSpec } from '../../lib/abac/condition';
import type { GlobalPolicySpec, PolicyTargetSpec } from '../../lib/abac/global-policy';
import { NAME_PATTERNS } from '../../lib/model';
import { AWS_NAME_PATTERNS } from '../../lib/aws/names';
import { loadMeshSources, meshSpecToSources } from '../../lib/spec';
import schema from '../../schema/meshgrant.schema.json';
import { modelContent } from './model-content';

/**
 * Every field present, recursively: when the model gains a field, tsc fails here until the
 * spec below uses it, and the round trip then fails until the JSON Schema has it too.
 */
type Complete<T> = T extends string | number | boolean
  ? T
  : T extends readonly (infer U)[]
    ? readonly Complete<U>[]
    : { readonly [K in keyof T]-?: Complete<T[K]> };

/** Grants name a role or a consumer, and only Analysts have a clearance: those fields are covered across two objects. */
type CompleteProduct = Complete<Omit<DataProductSpec, 'grants' | 'roles'>> & {
  readonly grants: readonly (Complete<Omit<GrantSpec, 'consumer'>> | Complete<Omit<GrantSpec, 'role'>>)[];
  readonly roles: { readonly analyst: Complete<ProductRoleSpec>; readonly engineer: ProductRoleSpec; readonly owner: ProductRoleSpec };
};

/** A foreign principal entry names a principal or an account: both are covered across two entries. */
type CompleteEnvironment = Complete<Omit<EnvironmentSpec, 'foreignPrincipals'>> & {
  readonly foreignPrincipals: readonly (
    Complete<Omit<ForeignPrincipalSpec, 'account'>> | Complete<Omit<ForeignPrincipalSpec, 'principal'>>
  )[];
};

const arn = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
const members = { users: ['ana'], groups: ['analysts'], attributes: [{ department: 'sales', country: ['FR', 'DE'] }] };

const orders: CompleteProduct = {
  id: 'sales.orders',
  info: { title: 'Orders', description: 'Every order', owner: 'ana', domain: 'sales' },
  promotedTo: ['dev'],
  outputPorts: [
    {
      name: 'orders',
      description: 'One row per order',
      tags: ['Sales.Orders'],
      table: {
        name: 'orders_v2',
        format: 'orc',
        owner: 'meshgrant',
        partitionKeys: [{ name: 'day', type: 'string', description: 'Order day, yyyy-mm-dd', tags: ['day'], unclassified: 'A date' }],
      },
      columns: [{ name: 'email', type: 'string', description: 'Buyer', tags: ['email'], unclassified: 'n/a' }],
    },
  ],
  catalog: { owner: 'external', database: 'sales_mart', storagePrefix: 'marts/sales' },
  inputPorts: [{ product: 'sales.carts', port: 'carts' }],
  roles: {
    analyst: { members, clearance: 'public' },
    engineer: { members: { groups: ['analysts'] } },
    owner: { members: { users: ['ana'] } },
  },
  grants: [
    {
      role: 'analyst',
      port: 'orders',
      level: 'read',
      columns: ['day'],
      rows: "day > '2024-01-01'",
      ...{ approvedBy: 'ana', approvedOn: '2026-10-01', reason: 'Quarterly review', ticket: 'DATA-9', expires: '2027-12-31' },
    },
  ],
  purposes: [
    {
      purpose: 'fraud',
      ports: ['orders'],
      columns: ['email'],
      rows: "email <> ''",
      ...{ approvedBy: 'ana', approvedOn: '2026-10-02', reason: 'Fraud pilot', ticket: 'DATA-10', expires: '2027-06-30' },
    },
  ],
  overrides: [
    {
      user: 'cy',
      ports: ['orders'],
      columns: ['email'],
      rows: "email <> ''",
      ...{ approvedBy: 'ana', approvedOn: '2026-10-03', reason: 'Incident review', ticket: 'DATA-11', expires: '2027-01-15' },
    },
  ],
  policies: { retention: 'P90D' },
  suppressions: [
    { rule: 'readiness/column-classified', reason: 'Legacy column, replaced in Q3', expires: '2027-01-31', target: 'outputPorts[0]' },
  ],
};

const carts: DataProductSpec = {
  id: 'sales.carts',
  info: { title: 'Carts', owner: 'ana', domain: 'sales' },
  promotedTo: ['dev'],
  outputPorts: [{ name: 'carts', columns: [{ name: 'cart_id', type: 'string' }] }],
  grants: [{ consumer: 'sales.orders', port: 'carts', level: 'read', columns: ['cart_id'], rows: "cart_id <> ''" }],
};

/**
 * A policy is a subscription or a row policy, and conditions nest: the fields are covered across
 * two policies, and the nested conditions one level deep.
 */
type CompleteCondition = Complete<Omit<ConditionSpec, 'not' | 'anyOf'>> & {
  readonly not: ConditionSpec;
  readonly anyOf: readonly ConditionSpec[];
};
type CompletePolicies = readonly [
  Complete<Omit<GlobalPolicySpec, 'rows' | 'except' | 'allow' | 'on'>> & {
    readonly allow: CompleteCondition;
    readonly on: Complete<Exclude<PolicyTargetSpec, 'everything'>>;
  },
  Complete<Omit<GlobalPolicySpec, 'allow' | 'merge' | 'on'>> & { readonly on: PolicyTargetSpec },
];

const policies: CompletePolicies = [
  {
    name: 'sales-reads',
    description: 'Sales people read sales data',
    on: {
      tags: ['Sales'],
      classes: ['pii'],
      levels: ['confidential'],
      domains: ['sales'],
      products: ['sales.orders'],
      ports: ['sales.orders/orders'],
    },
    allow: {
      attributes: { department: 'Sales' },
      groups: ['analysts'],
      users: ['ana'],
      tagMatchesAttribute: 'department',
      not: { users: ['bo'] },
      anyOf: [{ groups: ['analysts'] }, { attributes: { region: ['EU'] } }],
    },
    merge: 'always-required',
  },
  {
    name: 'own-region',
    description: 'Each reads the orders of their region',
    on: { products: ['sales.orders'] },
    rows: 'day = @region',
    except: { purposes: ['fraud'], groups: ['analysts'] },
  },
];

const full: Complete<Omit<MeshSpec, 'products' | 'environments' | 'policies'>> & {
  readonly environments: readonly [CompleteEnvironment, EnvironmentSpec];
  readonly products: readonly DataProductSpec[];
  readonly policies: CompletePolicies;
} = {
  name: 'shop',
  classification: {
    levels: ['public', 'confidential'],
    defaultLevel: 'public',
    classes: {
      pii: { level: 'confidential', entities: ['email'], description: 'Personal' },
      time: { level: 'public', entities: ['day'], description: 'Dates' },
    },
  },
  environments: [
    {
      name: 'dev',
      account: '111111111111',
      region: 'eu-west-1',
      prefix: 'shop-dev',
      promotesTo: 'prod',
      backend: { bucket: 'shop-state', region: 'eu-central-1', keyPrefix: 'tf', kmsKeyId: 'alias/state' },
      dataBucket: 'shop-lake',
      deployRoleArn: arn('111111111111', 'deploy'),
      lakeAdmins: [arn('111111111111', 'admin'), arn('333333333333', 'auditor')],
      manageDataLakeSettings: false,
      accessMode: 'hybrid',
      queryResults: {
        bucket: 'shop-results',
        prefix: 'athena/results',
        kmsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      },
      identity: {
        groups: { analysts: arn('111111111111', 'analysts'), auditors: arn('444444444444', 'auditors') },
        users: { ana: arn('111111111111', 'ana'), cy: arn('111111111111', 'cy') },
        attributeSessionPrincipals: [arn('111111111111', 'sso')],
      },
      foreignPrincipals: [
        { principal: arn('333333333333', 'auditor'), reason: 'Central audit account reviews every lake' },
        { account: '444444444444', reason: 'Directory account hosts the federated roles' },
      ],
      tags: { CostCenter: 'data' },
      stacks: 'per-domain',
    },
    {
      name: 'prod',
      account: '222222222222',
      region: 'eu-west-1',
      backend: { bucket: 'shop-state-prod' },
      dataBucket: 'shop-lake-prod',
      deployRoleArn: arn('222222222222', 'deploy'),
    },
  ],
  domains: [{ name: 'sales', description: 'Selling', owner: 'ana' }],
  purposes: [
    {
      name: 'fraud',
      description: 'Catch fraud',
      approver: 'bo',
      delegates: ['cy'],
      members: {
        users: ['ana'],
        groups: [
          {
            name: 'analysts',
            approvedBy: 'bo',
            approvedOn: '2026-11-02',
            reason: 'Chargeback team',
            ticket: 'SEC-1',
            expires: '2027-03-31',
          },
        ],
        attributes: [
          {
            rule: { department: 'sales' },
            approvedBy: 'cy',
            approvedOn: '2026-11-03',
            reason: 'Sales fraud desk',
            ticket: 'SEC-2',
            expires: '2027-01-01',
          },
        ],
      },
      allowedClasses: ['pii'],
    },
  ],
  products: [orders, carts],
  policy: {
    packs: ['readiness'],
    profile: 'starter',
    severities: { 'readiness/column-classified': 'warning' },
    suppressions: [{ rule: 'security/separation-of-duties', reason: 'Two-person team', expires: '2027-06-30', target: 'roles' }],
    sensitive: { classes: ['pii'], level: 'confidential' },
  },
  attributes: [
    { name: 'department', description: 'Where one works', values: ['Sales', 'Sales.Orders'], hierarchical: true, multiValued: false },
    { name: 'region', description: 'Where one sells', values: ['EU', 'US'], hierarchical: false, multiValued: true },
  ],
  policies,
};

describe('the YAML format', () => {
  it('carries every field of MeshSpec: written as files and loaded, it gives the same model', () => {
    const sources = meshSpecToSources(full);
    expect(sources.map((s) => s.path)).toEqual([
      'mesh.yaml',
      'environments.yaml',
      'purposes.yaml',
      'policies.yaml',
      'products/sales.orders.yaml',
      'products/sales.carts.yaml',
    ]);
    expect(modelContent(loadMeshSources(sources))).toEqual(modelContent(buildMesh(full)));
  });

  it('checks names with the same patterns as the model', () => {
    const defs = schema.definitions as Record<string, { pattern?: string }>;
    const patterns = { ...NAME_PATTERNS, ...AWS_NAME_PATTERNS };
    const sameAs: Record<string, keyof typeof patterns> = {
      MeshName: 'mesh',
      EnvironmentName: 'environment',
      DomainName: 'domain',
      ProductId: 'productId',
      PortName: 'port',
      PurposeName: 'purpose',
      ColumnName: 'column',
      TableName: 'table',
      ClassificationName: 'classification',
      NamePrefix: 'prefix',
      AwsAccount: 'account',
      AwsRegion: 'region',
      BucketName: 'bucket',
      IamArn: 'iamArn',
      S3KeyPrefix: 'keyPrefix',
      KmsKeyArn: 'kmsKeyArn',
    };
    for (const [definition, pattern] of Object.entries(sameAs))
      expect([definition, defs[definition].pattern]).toEqual([definition, patterns[pattern].source]);
  });
});

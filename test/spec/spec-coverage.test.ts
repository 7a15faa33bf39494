import {
  DataProductSpec,
  EnvironmentSpec,
  ForeignPrincipalSpec,
  GrantSpec,
  MeshSpec,
  NAME_PATTERNS,
  ProductRoleSpec,
  buildMesh,
} from '../../lib';
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
  grants: [{ role: 'analyst', port: 'orders', level: 'read', columns: ['day'], rows: "day > '2024-01-01'" }],
  purposes: [{ purpose: 'fraud', ports: ['orders'], columns: ['email'], rows: "email <> ''" }],
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

const full: Complete<Omit<MeshSpec, 'products' | 'environments'>> & {
  readonly environments: readonly [CompleteEnvironment, EnvironmentSpec];
  readonly products: readonly DataProductSpec[];
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
      identity: {
        groups: { analysts: arn('111111111111', 'analysts'), auditors: arn('444444444444', 'auditors') },
        users: { ana: arn('111111111111', 'ana') },
        attributeSessionPrincipals: [arn('111111111111', 'sso')],
      },
      foreignPrincipals: [
        { principal: arn('333333333333', 'auditor'), reason: 'Central audit account reviews every lake' },
        { account: '444444444444', reason: 'Directory account hosts the federated roles' },
      ],
      tags: { CostCenter: 'data' },
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
  purposes: [{ name: 'fraud', description: 'Catch fraud', approver: 'bo', members, allowedClasses: ['pii'] }],
  products: [orders, carts],
  policy: {
    packs: ['readiness'],
    severities: { 'readiness/column-classified': 'warning' },
    suppressions: [{ rule: 'security/separation-of-duties', reason: 'Two-person team', expires: '2027-06-30', target: 'roles' }],
    sensitive: { classes: ['pii'], level: 'confidential' },
  },
};

describe('the YAML format', () => {
  it('carries every field of MeshSpec: written as files and loaded, it gives the same model', () => {
    const sources = meshSpecToSources(full);
    expect(sources.map((s) => s.path)).toEqual([
      'mesh.yaml',
      'environments.yaml',
      'purposes.yaml',
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
    };
    for (const [definition, pattern] of Object.entries(sameAs))
      expect([definition, defs[definition].pattern]).toEqual([definition, patterns[pattern].source]);
  });
});

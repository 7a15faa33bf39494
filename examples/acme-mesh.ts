/**
 * The example mesh of ACME Retail, declared with the TypeScript API. `examples/acme/` holds the
 * same mesh in YAML; a test proves both give the same model.
 *
 * Three domains (customers, payments, marketing) plus logistics, six products, three purposes,
 * dev and prod in separate accounts with their own principal mappings.
 */
import { ClassificationSpec, EnvironmentSpec, MeshSpec, PurposeSpec } from '../lib';
import type { AttributeSpec } from '../lib/abac/attributes';
import type { GlobalPolicySpec } from '../lib/abac/global-policy';

const sso = (account: string, permissionSet: string, suffix: string) =>
  `arn:aws:iam::${account}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_${permissionSet}_${suffix}`;

export const classification: ClassificationSpec = {
  levels: ['public', 'internal', 'confidential', 'restricted'],
  defaultLevel: 'internal',
  classes: {
    reference: {
      level: 'public',
      entities: ['country_code', 'currency_code', 'calendar_date'],
      description: 'Reference data anyone may see',
    },
    financial: { level: 'confidential', entities: ['monetary_amount', 'iban'], description: 'Amounts and bank details' },
    pii: {
      level: 'confidential',
      entities: ['email', 'full_name', 'date_of_birth', 'phone_number', 'postal_address'],
      description: 'Personal data (GDPR)',
    },
    pci: { level: 'restricted', entities: ['payment_card_number'], description: 'Card data (PCI DSS)' },
  },
};

const groupsIn = (account: string, suffix: string): Record<string, string> => ({
  'customer-analysts': sso(account, 'CustomerAnalysts', `c1${suffix}`),
  'customer-data-eng': sso(account, 'CustomerDataEngineers', `c2${suffix}`),
  'payments-analysts': sso(account, 'PaymentsAnalysts', `p1${suffix}`),
  'payments-data-eng': sso(account, 'PaymentsDataEngineers', `p2${suffix}`),
  'marketing-analysts': sso(account, 'MarketingAnalysts', `m1${suffix}`),
  'marketing-data-eng': sso(account, 'MarketingDataEngineers', `m2${suffix}`),
  'fraud-analysts': sso(account, 'FraudAnalysts', `f1${suffix}`),
  'finance-controllers': sso(account, 'FinanceControllers', `k1${suffix}`),
});

export const environments: EnvironmentSpec[] = [
  {
    name: 'dev',
    account: '111111111111',
    region: 'eu-west-1',
    prefix: 'acme-dev',
    promotesTo: 'prod',
    backend: { bucket: 'acme-terraform-state-dev', keyPrefix: 'meshgrant' },
    dataBucket: 'acme-lake-dev',
    deployRoleArn: 'arn:aws:iam::111111111111:role/meshgrant-deploy',
    identity: {
      groups: {
        ...groupsIn('111111111111', 'a1b2c3d4e5f60718'),
        // Sandbox engineers exist in dev only; they must never reach prod.
        'logistics-sandbox': sso('111111111111', 'LogisticsSandbox', 'l1a1b2c3d4e5f607'),
      },
      users: {
        'jane.doe': 'arn:aws:iam::111111111111:role/people/jane.doe',
        'omar.haddad': 'arn:aws:iam::111111111111:role/people/omar.haddad',
      },
      // Identity Center sessions carry department and country (attributes for access control).
      attributeSessionPrincipals: [sso('111111111111', 'DataConsumers', 'd1a1b2c3d4e5f60718')],
    },
    tags: { CostCenter: 'data-platform' },
  },
  {
    name: 'prod',
    account: '222222222222',
    region: 'eu-west-1',
    prefix: 'acme-prod',
    backend: { bucket: 'acme-terraform-state-prod', keyPrefix: 'meshgrant', kmsKeyId: 'alias/terraform-state' },
    dataBucket: 'acme-lake-prod',
    deployRoleArn: 'arn:aws:iam::222222222222:role/meshgrant-deploy',
    lakeAdmins: ['arn:aws:iam::222222222222:role/data-platform-admin'],
    identity: {
      groups: groupsIn('222222222222', '9f8e7d6c5b4a3921'),
      users: {
        'jane.doe': 'arn:aws:iam::222222222222:role/people/jane.doe',
        'omar.haddad': 'arn:aws:iam::222222222222:role/people/omar.haddad',
      },
      attributeSessionPrincipals: [sso('222222222222', 'DataConsumers', 'd19f8e7d6c5b4a3921')],
    },
    tags: { CostCenter: 'data-platform' },
  },
];

export const purposes: PurposeSpec[] = [
  {
    name: 'fraud-detection',
    description: 'Detect and investigate fraudulent payments',
    approver: 'maria.lopez',
    members: {
      groups: [
        {
          name: 'fraud-analysts',
          approvedBy: 'maria.lopez',
          approvedOn: '2026-03-02',
          ticket: 'SEC-1042',
          reason: 'Fraud operations team',
          expires: '2030-03-31',
        },
        // Expired: kept in the spec until someone removes it, but no longer synthesized.
        {
          name: 'payments-analysts',
          approvedBy: 'maria.lopez',
          approvedOn: '2025-01-06',
          ticket: 'SEC-977',
          reason: 'Chargeback backlog',
          expires: '2025-06-30',
        },
      ],
    },
    allowedClasses: ['financial', 'pii', 'reference'],
  },
  {
    name: 'marketing-analytics',
    description: 'Measure campaigns and customer segments, without personal data',
    approver: 'sofia.marin',
    delegates: ['paul.girard'],
    members: {
      groups: [{ name: 'marketing-analysts', approvedBy: 'sofia.marin', approvedOn: '2026-02-10', reason: 'Campaign analysts' }],
      attributes: [
        {
          rule: { department: 'marketing', country: ['FR', 'DE'] },
          approvedBy: 'paul.girard',
          approvedOn: '2026-04-21',
          ticket: 'MKT-311',
        },
      ],
    },
    allowedClasses: ['reference'],
  },
  {
    name: 'finance-reporting',
    description: 'Monthly revenue and refund reporting',
    approver: 'anna.schmidt',
    members: { groups: [{ name: 'finance-controllers', approvedBy: 'anna.schmidt', approvedOn: '2026-01-15', reason: 'Monthly close' }] },
    allowedClasses: ['financial', 'reference'],
  },
];

/** Facts about people that the global policies compare (session tags on AWS). */
export const attributes: AttributeSpec[] = [
  { name: 'department', values: ['customers', 'finance', 'logistics', 'marketing', 'risk'] },
  { name: 'country', values: ['DE', 'FR', 'US'] },
  { name: 'businessLine', values: ['corporate', 'retail'], hierarchical: true },
  { name: 'trainings', values: ['pci', 'privacy'], multiValued: true },
];

/** Global policies: every kind (shared, tag match, always-required, row policy with an exception, not). */
export const policies: GlobalPolicySpec[] = [
  {
    name: 'payments-readers',
    description: 'Finance and risk read payments data',
    on: { tags: ['payments'] },
    allow: { attributes: { department: ['finance', 'risk'] } },
  },
  {
    name: 'own-business-line',
    description: 'People read the revenue of their business line and of the lines below it',
    on: { tags: ['retail'] },
    allow: { tagMatchesAttribute: 'businessLine' },
  },
  {
    name: 'pci-trained',
    description: 'Nobody reads a table holding card data without PCI training, whichever way they come in',
    on: { classes: ['pci'] },
    allow: { attributes: { trainings: 'pci' } },
    merge: 'always-required',
  },
  {
    name: 'own-country-and-line',
    description: "Daily totals of one's own country and business line",
    on: { ports: ['payments.transactions/daily-totals'] },
    rows: 'country = @country AND business_line = @businessLine',
    except: { purposes: ['finance-reporting'] },
  },
  {
    name: 'logistics-readers',
    description: 'Logistics staff read shipments, marketing analysts excepted',
    on: { domains: ['logistics'] },
    allow: { attributes: { department: 'logistics' }, not: { groups: ['marketing-analysts'] } },
  },
];

export const acmeMeshSpec: MeshSpec = {
  name: 'acme',
  classification,
  environments,
  domains: [
    { name: 'customers', description: 'Who our customers are', owner: 'lena.fischer' },
    { name: 'payments', description: 'Money in and out', owner: 'jane.doe' },
    { name: 'marketing', description: 'Campaigns and attribution', owner: 'tom.becker' },
    { name: 'logistics', description: 'Getting parcels to people', owner: 'omar.haddad' },
  ],
  purposes,
  attributes,
  policies,
  products: [
    {
      id: 'customers.profiles',
      info: { title: 'Customer profiles', description: 'One row per customer, current state', owner: 'lena.fischer', domain: 'customers' },
      promotedTo: ['dev', 'prod'],
      outputPorts: [
        {
          name: 'profiles',
          description: 'Customer master data',
          columns: [
            { name: 'customer_id', type: 'string', unclassified: 'Opaque surrogate key' },
            { name: 'email', type: 'string', tags: ['email'] },
            { name: 'full_name', type: 'string', tags: ['full_name'] },
            { name: 'date_of_birth', type: 'date', tags: ['date_of_birth'] },
            { name: 'country', type: 'string', tags: ['country_code'] },
            { name: 'segment', type: 'string', unclassified: 'Marketing segment label, not personal' },
            { name: 'signup_date', type: 'date', tags: ['calendar_date'] },
          ],
        },
      ],
      roles: {
        analyst: { members: { groups: ['customer-analysts'] } },
        engineer: { members: { groups: ['customer-data-eng'] } },
        owner: { members: { groups: ['customer-data-eng'] } },
      },
      grants: [
        { role: 'analyst', port: 'profiles', level: 'read' },
        { role: 'engineer', port: 'profiles', level: 'write' },
        { role: 'owner', port: 'profiles', level: 'admin' },
      ],
      purposes: [
        { purpose: 'fraud-detection', ports: ['profiles'] },
        { purpose: 'marketing-analytics', ports: ['profiles'] },
      ],
      // A manual override: the owner admits one person, until a fixed day, to columns no role or purpose opens to them.
      overrides: [
        {
          user: 'omar.haddad',
          ports: ['profiles'],
          columns: ['country', 'customer_id', 'full_name'],
          rows: "country = 'DE'",
          approvedBy: 'lena.fischer',
          approvedOn: '2026-11-24',
          ticket: 'CUS-207',
          reason: 'Reconcile undeliverable German shipments with customer names',
          expires: '2030-06-30',
        },
      ],
      policies: { retention: 'P5Y' },
    },
    {
      id: 'payments.transactions',
      info: { title: 'Card transactions', description: 'Every settled card payment', owner: 'jane.doe', domain: 'payments' },
      promotedTo: ['dev', 'prod'],
      outputPorts: [
        {
          name: 'transactions',
          tags: ['payments.cards'],
          description: 'Settled transactions, partitioned by day',
          table: { partitionKeys: [{ name: 'settlement_date', type: 'date', tags: ['calendar_date'] }] },
          columns: [
            { name: 'txn_id', type: 'string', unclassified: 'Opaque transaction id' },
            { name: 'customer_id', type: 'string', unclassified: 'Opaque surrogate key' },
            { name: 'card_number', type: 'string', tags: ['payment_card_number'] },
            { name: 'customer_email', type: 'string', tags: ['email'] },
            { name: 'amount', type: 'decimal(12,2)', tags: ['monetary_amount'] },
            { name: 'currency', type: 'string', tags: ['currency_code'] },
            { name: 'country', type: 'string', tags: ['country_code'] },
            { name: 'merchant_id', type: 'string', unclassified: 'Public merchant registry id' },
          ],
        },
        {
          name: 'daily-totals',
          description: 'Aggregated daily totals per country and business line',
          tags: ['payments.totals'],
          columns: [
            { name: 'day', type: 'date', tags: ['calendar_date'] },
            { name: 'country', type: 'string', tags: ['country_code'] },
            { name: 'total_amount', type: 'decimal(18,2)', tags: ['monetary_amount'] },
            { name: 'txn_count', type: 'bigint', unclassified: 'Aggregate count' },
            { name: 'business_line', type: 'string', unclassified: 'Business line code' },
          ],
        },
      ],
      roles: {
        analyst: {
          members: { groups: ['payments-analysts'], attributes: [{ department: 'finance', country: ['US', 'FR'] }] },
          clearance: 'internal',
        },
        engineer: { members: { groups: ['payments-data-eng'] } },
        owner: { members: { users: ['jane.doe'] } },
      },
      grants: [
        { role: 'analyst', port: 'transactions', level: 'read' },
        { role: 'analyst', port: 'daily-totals', level: 'read' },
        { role: 'engineer', port: 'transactions', level: 'write' },
        { role: 'engineer', port: 'daily-totals', level: 'write' },
        { role: 'owner', port: 'transactions', level: 'admin' },
        { role: 'owner', port: 'daily-totals', level: 'admin' },
        {
          consumer: 'marketing.attribution',
          port: 'transactions',
          level: 'read',
          columns: ['txn_id', 'customer_id', 'currency', 'country', 'settlement_date'],
        },
      ],
      purposes: [
        { purpose: 'fraud-detection', ports: ['transactions'] },
        { purpose: 'finance-reporting', ports: ['transactions', 'daily-totals'] },
        {
          purpose: 'marketing-analytics',
          ports: ['transactions'],
          columns: ['txn_id', 'country', 'currency', 'settlement_date'],
          rows: "country IN ('FR', 'DE')",
        },
      ],
      policies: { retention: 'P7Y' },
    },
    {
      id: 'payments.refunds',
      info: { title: 'Refunds', description: 'Refunds issued to customers', owner: 'jane.doe', domain: 'payments' },
      promotedTo: ['dev', 'prod'],
      outputPorts: [
        {
          name: 'refunds',
          tags: ['payments.refunds'],
          columns: [
            { name: 'refund_id', type: 'string', unclassified: 'Opaque id' },
            { name: 'txn_id', type: 'string', unclassified: 'Opaque transaction id' },
            { name: 'amount', type: 'decimal(12,2)', tags: ['monetary_amount'] },
            { name: 'iban', type: 'string', tags: ['iban'] },
            { name: 'reason', type: 'string', unclassified: 'Free text chosen from a fixed list' },
            { name: 'refund_date', type: 'date', tags: ['calendar_date'] },
          ],
        },
      ],
      roles: {
        analyst: { members: { groups: ['payments-analysts'] } },
        engineer: { members: { groups: ['payments-data-eng'] } },
        owner: { members: { users: ['jane.doe'] } },
      },
      grants: [
        { role: 'analyst', port: 'refunds', level: 'read', columns: ['refund_id', 'txn_id', 'reason', 'refund_date'] },
        { role: 'engineer', port: 'refunds', level: 'write' },
        { role: 'owner', port: 'refunds', level: 'admin' },
      ],
      purposes: [{ purpose: 'finance-reporting', ports: ['refunds'], rows: "reason <> 'test'" }],
      policies: { retention: 'P7Y' },
    },
    {
      id: 'marketing.campaigns',
      info: { title: 'Campaigns', description: 'Campaign calendar and spend', owner: 'tom.becker', domain: 'marketing' },
      promotedTo: ['dev', 'prod'],
      outputPorts: [
        {
          name: 'campaigns',
          columns: [
            { name: 'campaign_id', type: 'string', unclassified: 'Opaque id' },
            { name: 'name', type: 'string', unclassified: 'Campaign title' },
            { name: 'channel', type: 'string', unclassified: 'email, social, search' },
            { name: 'country', type: 'string', tags: ['country_code'] },
            { name: 'spend', type: 'decimal(12,2)', tags: ['monetary_amount'] },
            { name: 'start_date', type: 'date', tags: ['calendar_date'] },
          ],
        },
      ],
      roles: {
        analyst: { members: { groups: ['marketing-analysts'] } },
        engineer: { members: { groups: ['marketing-data-eng'] } },
        owner: { members: { groups: ['marketing-data-eng'] } },
      },
      grants: [
        { role: 'analyst', port: 'campaigns', level: 'read' },
        { role: 'engineer', port: 'campaigns', level: 'write' },
        { role: 'owner', port: 'campaigns', level: 'admin' },
      ],
      purposes: [
        { purpose: 'marketing-analytics', ports: ['campaigns'] },
        { purpose: 'finance-reporting', ports: ['campaigns'], columns: ['campaign_id', 'country', 'spend', 'start_date'] },
      ],
      policies: { retention: 'P3Y' },
    },
    {
      id: 'marketing.attribution',
      info: { title: 'Campaign attribution', description: 'Which campaign led to which payment', owner: 'tom.becker', domain: 'marketing' },
      promotedTo: ['dev', 'prod'],
      inputPorts: [{ product: 'payments.transactions', port: 'transactions' }],
      outputPorts: [
        {
          name: 'attributed-revenue',
          tags: ['retail.online'],
          columns: [
            { name: 'campaign_id', type: 'string', unclassified: 'Opaque id' },
            { name: 'txn_id', type: 'string', unclassified: 'Opaque transaction id' },
            { name: 'country', type: 'string', tags: ['country_code'] },
            { name: 'revenue', type: 'decimal(12,2)', tags: ['monetary_amount'] },
            { name: 'attributed_on', type: 'date', tags: ['calendar_date'] },
          ],
        },
      ],
      roles: {
        analyst: { members: { groups: ['marketing-analysts'] } },
        engineer: { members: { groups: ['marketing-data-eng'] } },
        owner: { members: { groups: ['marketing-data-eng'] } },
      },
      grants: [
        { role: 'analyst', port: 'attributed-revenue', level: 'read' },
        { role: 'engineer', port: 'attributed-revenue', level: 'write' },
        { role: 'owner', port: 'attributed-revenue', level: 'admin' },
      ],
      // What payments.transactions hides from marketing-analytics stays hidden downstream
      // (security/downstream-privacy): amounts (here `revenue`) and countries other than FR and DE.
      purposes: [
        {
          purpose: 'marketing-analytics',
          ports: ['attributed-revenue'],
          columns: ['attributed_on', 'campaign_id', 'country', 'txn_id'],
          rows: "country IN ('FR', 'DE')",
        },
      ],
      policies: { retention: 'P3Y' },
    },
    {
      id: 'logistics.shipments',
      info: {
        title: 'Shipments',
        description: 'Parcel shipments; still in development, dev only',
        owner: 'omar.haddad',
        domain: 'logistics',
      },
      promotedTo: ['dev'],
      outputPorts: [
        {
          name: 'shipments',
          columns: [
            { name: 'shipment_id', type: 'string', unclassified: 'Opaque id' },
            { name: 'customer_id', type: 'string', unclassified: 'Opaque surrogate key' },
            { name: 'delivery_address', type: 'string', tags: ['postal_address'] },
            { name: 'country', type: 'string', tags: ['country_code'] },
            { name: 'shipped_on', type: 'date', tags: ['calendar_date'] },
          ],
        },
      ],
      roles: {
        analyst: { members: { groups: ['logistics-sandbox'] } },
        engineer: { members: { groups: ['logistics-sandbox'] } },
        owner: { members: { users: ['omar.haddad'] } },
      },
      grants: [
        { role: 'analyst', port: 'shipments', level: 'read' },
        { role: 'engineer', port: 'shipments', level: 'write' },
        { role: 'owner', port: 'shipments', level: 'admin' },
      ],
      purposes: [{ purpose: 'fraud-detection', ports: ['shipments'] }],
      policies: { retention: 'P1Y' },
    },
  ],
};

import { Locator, Mesh, MeshSpec, SpecPath, buildMesh, formatPath } from '../../lib/model';
import { CheckPoliciesOptions, Finding, PolicyReport, checkPolicies, formatFinding } from '../../lib/policy';

/** A spec the tests may change in place. */
export type Draft = { -readonly [K in keyof MeshSpec]: DeepMutable<MeshSpec[K]> };
type DeepMutable<T> = T extends string | number | boolean | undefined
  ? T
  : T extends readonly (infer U)[]
    ? DeepMutable<U>[]
    : { -readonly [K in keyof T]: DeepMutable<T[K]> };

const sso = (account: string, set: string) =>
  `arn:aws:iam::${account}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_${set}_0123456789abcdef`;
const groups = (account: string) => ({
  'shop-analysts': sso(account, 'ShopAnalysts'),
  'shop-eng': sso(account, 'ShopEngineers'),
  'risk-team': sso(account, 'RiskTeam'),
});

/**
 * A small mesh that breaks no rule: one product in dev and prod, bound to one purpose whose
 * approver is not the product owner. Each test breaks one thing.
 */
export function compliantSpec(): Draft {
  return {
    name: 'shop',
    classification: {
      levels: ['public', 'internal', 'confidential', 'restricted'],
      defaultLevel: 'internal',
      classes: {
        reference: { level: 'public', entities: ['country_code'] },
        pii: { level: 'confidential', entities: ['email'] },
        pci: { level: 'restricted', entities: ['payment_card_number'] },
      },
    },
    environments: [
      {
        name: 'dev',
        account: '111111111111',
        region: 'eu-west-1',
        promotesTo: 'prod',
        backend: { bucket: 'shop-state-dev' },
        dataBucket: 'shop-lake-dev',
        deployRoleArn: 'arn:aws:iam::111111111111:role/deploy',
        identity: { groups: groups('111111111111'), users: { 'ann.lee': 'arn:aws:iam::111111111111:role/people/ann.lee' } },
      },
      {
        name: 'prod',
        account: '222222222222',
        region: 'eu-west-1',
        backend: { bucket: 'shop-state-prod' },
        dataBucket: 'shop-lake-prod',
        deployRoleArn: 'arn:aws:iam::222222222222:role/deploy',
        identity: { groups: groups('222222222222'), users: { 'ann.lee': 'arn:aws:iam::222222222222:role/people/ann.lee' } },
      },
    ],
    domains: [{ name: 'sales' }],
    purposes: [
      {
        name: 'fraud-detection',
        approver: 'max.risk',
        // Approved by the delegate, so that tests may change the approver without touching the approval.
        delegates: ['kim.ops'],
        members: { groups: [{ name: 'risk-team', approvedBy: 'kim.ops', approvedOn: '2026-05-04', ticket: 'RISK-7' }] },
        allowedClasses: ['pii', 'reference'],
      },
    ],
    products: [
      {
        id: 'sales.orders',
        info: { title: 'Orders', description: 'One row per order, updated hourly', owner: 'ann.lee', domain: 'sales' },
        promotedTo: ['dev', 'prod'],
        outputPorts: [
          {
            name: 'orders',
            description: 'Placed orders',
            columns: [
              { name: 'order_id', type: 'string', unclassified: 'Opaque surrogate key' },
              { name: 'email', type: 'string', tags: ['email'] },
              { name: 'card_number', type: 'string', tags: ['payment_card_number'] },
              { name: 'country', type: 'string', tags: ['country_code'] },
            ],
          },
        ],
        roles: {
          analyst: { members: { groups: ['shop-analysts'] } },
          engineer: { members: { groups: ['shop-eng'] } },
          owner: { members: { users: ['ann.lee'] } },
        },
        grants: [
          { role: 'analyst', port: 'orders', level: 'read' },
          { role: 'engineer', port: 'orders', level: 'write' },
          { role: 'owner', port: 'orders', level: 'admin' },
        ],
        purposes: [{ purpose: 'fraud-detection', ports: ['orders'] }],
        policies: { retention: 'P2Y' },
      },
    ],
  };
}

/** The product of the compliant spec, to edit. */
export const orders = (s: Draft) => s.products![0];

/** A deterministic line per spec path, so a test can predict where a finding is located. */
export function lineOf(path: SpecPath): number {
  return 1 + [...formatPath(path)].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 9973, 7);
}

/** A fake YAML locator: every path is "written" in shop.yaml at `lineOf(path)`. */
export const fakeLocator: Locator = (path) => ({ file: 'shop.yaml', line: lineOf(path), column: 3 });

/** The day the tests evaluate expiry, approvals and suppressions against. */
export const AS_OF = '2026-06-01';

/** Builds the spec (after `edit`) with the fake locator, as of {@link AS_OF}. */
export function meshOf(edit: (s: Draft) => void = () => undefined): Mesh {
  const s = compliantSpec();
  edit(s);
  return buildMesh(s as MeshSpec, fakeLocator, { asOf: AS_OF });
}

/** Checks the spec (after `edit`) on a fixed day. */
export function check(edit: (s: Draft) => void = () => undefined, options: CheckPoliciesOptions = {}): PolicyReport {
  return checkPolicies(meshOf(edit), { today: AS_OF, ...options });
}

/** Open findings of one rule. */
export function findingsOf(report: PolicyReport, rule: string): Finding[] {
  return report.findings.filter((f) => f.rule === rule);
}

/**
 * The one finding of `rule` at `path`: its text names the file and line where the path is
 * written and says how to fix it.
 */
export function theFinding(report: PolicyReport, rule: string, path: SpecPath): Finding {
  const found = findingsOf(report, rule);
  expect(found.map((f) => formatPath(f.path))).toEqual([formatPath(path)]);
  const text = formatFinding(found[0]);
  expect(text).toContain(`shop.yaml:${lineOf(path)}:3: ${found[0].severity} ${rule}: `);
  expect(text).toMatch(/\n {4}fix: \S/);
  return found[0];
}

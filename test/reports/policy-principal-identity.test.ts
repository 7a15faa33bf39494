import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readAccess } from '../../lib/readback';
import { diffAccess } from '../../lib/reports/access-diff';
import { checkPromotion } from '../../lib/reports/promote-check';
import { loadMesh } from '../../lib/spec';
import { synthEnvironment } from '../helpers/synth';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Stack = { resource: Record<string, Record<string, any>> };

/**
 * Principals of global policies that carry the same `Policy` and `Segment` tags are still
 * different principals: reports must never merge their access or their members. Read back from
 * the worked examples of docs/abac.md as synthesized, then edited as a pull request could.
 */
describe('principals of global policies with the same tags', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'meshgrant-policy-identity-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const dev = (example: string): Stack => JSON.parse(synthEnvironment(loadMesh(join('examples', 'abac', example)), 'dev')) as Stack;
  const read = (name: string, stack: Stack) => {
    mkdirSync(join(dir, name, 'stacks', 'mg-dev'), { recursive: true });
    writeFileSync(join(dir, name, 'stacks', 'mg-dev', 'cdk.tf.json'), JSON.stringify(stack));
    return readAccess(join(dir, name));
  };
  const roleArn = (stack: Stack, tag: string, value: string) => {
    const role = Object.values(stack.resource.aws_iam_role).find((r) => r.tags[tag] === value)!;
    return `arn:aws:iam::111111111111:role/${role.name as string}`;
  };
  /** The table grant of `from` on `table`, copied to `to`. */
  const copyGrant = (stack: Stack, from: string, to: string, table: string) => {
    const grants = stack.resource.aws_lakeformation_permissions;
    const [name, grant] = Object.entries(grants).find(
      ([, p]) => p.principal === from && (p.table ?? p.table_with_columns)?.name === table,
    )!;
    grants[`${name}_copy`] = { ...grant, principal: to };
  };

  // examples/abac/always-required: one guarded principal per way in to sales.orders/orders, all
  // tagged `Policy: employees-only no-contractor-team privacy-trained`, told apart by `Guards`.
  describe('guarding different ways in', () => {
    it('are named after the way in they guard', () => {
      const diff = diffAccess([], read('guards', dev('always-required')));
      expect(diff.changes.map((c) => c.principal).filter((p) => p.includes(' for '))).toEqual([
        'policy:employees-only+no-contractor-team+privacy-trained for purpose:fraud-detection',
        'policy:employees-only+no-contractor-team+privacy-trained for sales.orders/analyst',
        'policy:employees-only+no-contractor-team+privacy-trained for sales.orders/engineer',
        'policy:employees-only+no-contractor-team+privacy-trained for sales.orders/owner',
      ]);
    });

    it('diff shows the guarded Analysts gaining what the guarded Engineers hold', () => {
      const before = dev('always-required');
      const after = dev('always-required');
      copyGrant(after, roleArn(after, 'Guards', 'sales.orders/engineer'), roleArn(after, 'Guards', 'sales.orders/analyst'), 'orders');
      const diff = diffAccess(read('guards-before', before), read('guards-after', after));
      expect(diff.widens).toBe(true);
      expect(diff.changes.map((c) => [c.principal, c.change, c.permissions.gained])).toEqual([
        ['policy:employees-only+no-contractor-team+privacy-trained for sales.orders/analyst', 'modified', ['ALTER', 'DELETE', 'INSERT']],
      ]);
    });

    it('diff shows who may become the guarded Analysts change', () => {
      const before = dev('always-required');
      const after = dev('always-required');
      const analyst = Object.values(after.resource.aws_iam_role).find((r) => r.tags.Guards === 'sales.orders/analyst')!;
      const trust = JSON.parse(analyst.assume_role_policy as string) as { Statement: object[] };
      trust.Statement.push({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/contractors' }, Action: 'sts:AssumeRole' });
      analyst.assume_role_policy = JSON.stringify(trust);
      const diff = diffAccess(read('trust-before', before), read('trust-after', after));
      expect(diff.members.map((m) => [m.principal, m.members.gained])).toEqual([
        [
          'policy:employees-only+no-contractor-team+privacy-trained for sales.orders/analyst',
          ['arn:aws:iam::111111111111:role/contractors'],
        ],
      ]);
    });
  });

  // examples/abac/classification-rbac: one `tagMatchesAttribute` policy on three tables of
  // different tags, so three principals tagged `Policy: by-clearance` alike, told apart by their id.
  describe('of a policy comparing the tables’ tags', () => {
    const widened = () => {
      const stack = dev('classification-rbac');
      const holder = (table: string) =>
        Object.values(stack.resource.aws_lakeformation_permissions).find((p) => p.table_with_columns?.name === table)!.principal as string;
      // The principal of the least sensitive table reads the most sensitive one too.
      copyGrant(stack, holder('card_payments'), holder('orders'), 'card_payments');
      return stack;
    };

    it('diff shows one of them gaining another’s table', () => {
      const diff = diffAccess(read('tags-before', dev('classification-rbac')), read('tags-after', widened()));
      expect(diff.widens).toBe(true);
      expect(diff.changes.map((c) => [c.principal, c.change, c.table])).toEqual([['policy:by-clearance', 'added', 'card_payments']]);
    });

    it('promote-check refuses the table in prod that the same principal does not read in dev', () => {
      const prod = read('tags-prod', widened()).map((a) => ({ ...a, environment: 'prod' }));
      const check = checkPromotion([...read('tags-dev', dev('classification-rbac')), ...prod], 'dev', 'prod');
      expect(check.ok).toBe(false);
      expect(check.violations.map((v) => [v.principal, v.table])).toEqual([['policy:by-clearance', 'card_payments']]);
    });
  });
});

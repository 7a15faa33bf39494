import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildMesh } from '../../lib';
import { guardsTagValue } from '../../lib/aws/guards-tag';
import { NAME_PATTERNS } from '../../lib/model/names';
import { PRODUCT_ROLES } from '../../lib/model/product-role';
import type { GuardedHolder } from '../../lib/plan/named-holder';
import { readAccessReport } from '../../lib/readback';
import { readGuardsTag } from '../../lib/readback/guards-tag';
import { acmeMeshSpec } from '../../examples/acme-mesh';
import { synthEnvironment } from '../helpers/synth';

/** Every way in the model can guard: a product role of any valid product id, or any valid purpose. */
const guardedWay: fc.Arbitrary<GuardedHolder> = fc.oneof(
  fc.record({
    kind: fc.constant('role' as const),
    product: fc.stringMatching(NAME_PATTERNS.productId),
    role: fc.constantFrom(...PRODUCT_ROLES),
  }),
  fc.record({ kind: fc.constant('purpose' as const), purpose: fc.stringMatching(NAME_PATTERNS.purpose) }),
);

describe("the Guards tag of a policy principal (written by the constructs, read by readback's own code)", () => {
  it('reads back as the way in it was written for, for every product role and purpose name the model accepts', () => {
    fc.assert(fc.property(guardedWay, (way) => expect(readGuardsTag(guardsTagValue(way))).toEqual(way)));
  });

  it.each([
    '',
    'purpose:',
    'purpose:Fraud',
    'purpose:fraud detection',
    'override:payments.transactions/li.wei',
    'payments/analyst',
    'payments.transactions/',
    'payments.transactions/analyst/x',
    ' purpose:fraud',
  ])('names no way in when it reads %j', (value) => expect(readGuardsTag(value)).toBeUndefined());

  describe('on the roles of a synthesized stack', () => {
    type Stack = { resource: { aws_iam_role: Record<string, { name: string; tags?: Record<string, string> }> } };
    let dir: string;
    let synthesized: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'meshgrant-guards-'));
      synthesized = synthEnvironment(buildMesh(acmeMeshSpec, undefined, { asOf: '2026-12-01' }), 'dev');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    /** The stack's roles that carry a Guards tag, by address, and the access report of the stack after `change`. */
    const read = (change: (guarding: [string, { name: string; tags?: Record<string, string> }][]) => void = () => {}) => {
      const stack = JSON.parse(synthesized) as Stack;
      const guarding = Object.entries(stack.resource.aws_iam_role).filter(([, r]) => r.tags?.Guards !== undefined);
      change(guarding);
      writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(stack));
      return { guarding, report: readAccessReport(join(dir, 'cdk.tf.json')) };
    };

    it('is read back as written, and the access of a guard carries it', () => {
      const { guarding, report } = read();
      expect(report.problems).toEqual([]);
      const written = new Map(guarding.map(([, r]) => [r.name, r.tags!.Guards]));
      expect([...written.values()]).toContain('purpose:fraud-detection');
      const guards = report.access.filter((a) => written.has(a.principal.roleName));
      expect(guards.length).toBeGreaterThan(0);
      for (const a of guards) expect(a.principal.guards).toBe(written.get(a.principal.roleName));
    });

    it('names no way in when changed to an override: reported as possible widening, and the role guards nothing', () => {
      const { guarding, report } = read(([[, role]]) => (role.tags!.Guards = 'override:payments.transactions/li.wei'));
      const [address, role] = guarding[0];
      expect(report.problems).toEqual([
        {
          stack: expect.any(String),
          environment: 'dev',
          address: `aws_iam_role.${address}`,
          message: `tag Guards of role ${role.name} names no product role (<product>/<role>) or purpose (purpose:<name>)`,
          mayWiden: true,
        },
      ]);
      const access = report.access.filter((a) => a.principal.roleName === role.name);
      expect(access.length).toBeGreaterThan(0);
      expect(access.map((a) => a.principal.guards)).toEqual(access.map(() => undefined));
    });
  });
});

import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Construct, TerraformStack } from '../../constructs/cdktf';
import { annotatePolicyFindings } from '../../constructs/policy-annotations';
import { Draft, check, lineOf, orders } from './fixture';

const REASON = 'Two-person team until Q3; reviewed by the CISO in GOV-12';

function annotatedApp(edit: (s: Draft) => void) {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'policy-annotations-')), stackTraces: false });
  const stack = new TerraformStack(app, 'shop-prod');
  const product = new Construct(stack, 'sales.orders');
  annotatePolicyFindings(check(edit), stack, (id) => (id === 'sales.orders' ? product : undefined));
  const annotations = (c: Construct) => c.node.metadata.map((m) => `${m.type} ${m.data}`);
  return { app, stack: annotations(stack), product: annotations(product) };
}

describe('annotatePolicyFindings', () => {
  test('puts findings on their product, mesh-level ones on the stack, suppressions as info', () => {
    const { stack, product } = annotatedApp((s) => {
      s.environments[1].identity!.groups!['shop-eng'] = 'arn:aws:iam::222222222222:root';
      s.purposes![0].approver = 'ann.lee';
      orders(s).suppressions = [{ rule: 'security/separation-of-duties', reason: REASON }];
    });
    expect(stack).toEqual([
      expect.stringMatching(
        /^@cdktf\/error security\/no-wildcard-principal: environment prod: group `shop-eng` maps to .* \(fix: map it to .*\) \[shop\.yaml:\d+:3\]$/,
      ),
    ]);
    expect(product).toEqual([
      `@cdktf/info suppressed security/separation-of-duties: product sales.orders: its owner ann.lee is also the approver of purpose fraud-detection, which the product is bound to (fix: name another approver for fraud-detection, or suppress with a reason: \`{ rule: security/separation-of-duties, target: purposes[0], reason: <why it is acceptable> }\`) [shop.yaml:${lineOf(['products', 0, 'purposes', 0])}:3]; accepted at products[0].suppressions[0]: ${REASON}`,
    ]);
  });

  test('warnings do not stop synthesis', () => {
    const { app, product } = annotatedApp((s) => {
      s.purposes![0].approver = 'ann.lee';
    });
    expect(product).toEqual([expect.stringMatching(/^@cdktf\/warn security\/separation-of-duties: /)]);
    expect(() => app.synth()).not.toThrow();
  });

  test('fails synthesis if an error-level finding is open', () => {
    const { app, product } = annotatedApp((s) => {
      delete orders(s).policies;
    });
    expect(product).toEqual([
      expect.stringMatching(/^@cdktf\/error readiness\/retention: product sales.orders declares no retention period/),
    ]);
    expect(() => app.synth()).toThrow(/readiness\/retention/);
  });
});

import { formatPath } from '../lib/model/problems';
import { PolicyReport } from '../lib/policy/check-policies';
import { findingWhere } from '../lib/policy/format-finding';
import type { Finding } from '../lib/policy/rule';
import { Annotations, IConstruct } from './cdktf';

function text(f: Finding): string {
  return `${f.rule}: ${f.message} (fix: ${f.fix}) [${findingWhere(f)}]`;
}

/**
 * Attaches the policy report to the construct tree, so that plain `cdktf synth` users see it:
 * each finding as an error or warning annotation on its product's construct (mesh-level ones on
 * `meshScope`), and each suppressed finding as an info annotation with its reason, an audit trail
 * in the manifest. cdktf stops synthesis of a stack with an error annotation before writing it.
 *
 * @param meshScope receives mesh-level findings (e.g. the environment stack)
 * @param scopeOf the construct of a product in this scope, or undefined when the product is not
 *   in it (its findings are then left to the stack that holds it)
 */
export function annotatePolicyFindings(
  report: PolicyReport,
  meshScope: IConstruct,
  scopeOf: (productId: string) => IConstruct | undefined,
): void {
  const target = (f: Finding) => (f.product === undefined ? meshScope : scopeOf(f.product));
  for (const f of report.findings) {
    const scope = target(f);
    if (scope === undefined) continue;
    if (f.severity === 'error') Annotations.of(scope).addError(text(f));
    else Annotations.of(scope).addWarning(text(f));
  }
  for (const f of report.suppressed) {
    const scope = target(f);
    if (scope !== undefined) Annotations.of(scope).addInfo(`suppressed ${text(f)}; accepted at ${formatPath(f.suppressedBy)}: ${f.reason}`);
  }
}

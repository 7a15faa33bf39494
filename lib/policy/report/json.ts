import { formatPath } from '../../model/problems';
import type { PolicyReport } from '../check-policies';

/**
 * Machine output: the report with spec paths rendered as `products[0].grants[1]`. Keys are in a
 * fixed order and findings sorted, so the text is byte-identical across runs.
 */
export function renderJson(report: PolicyReport): string {
  const path = <T extends { path: readonly (string | number)[] }>(x: T) => ({ ...x, path: formatPath(x.path) });
  return `${JSON.stringify(
    {
      mesh: report.mesh,
      hasErrors: report.hasErrors,
      counts: report.counts,
      findings: report.findings.map(path),
      suppressed: report.suppressed.map((f) => ({ ...path(f), suppressedBy: formatPath(f.suppressedBy) })),
      suppressions: report.suppressions.map(path),
      rules: report.rules,
    },
    null,
    2,
  )}\n`;
}

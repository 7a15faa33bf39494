import { formatPath } from '../../model/problems';
import type { PolicyReport } from '../check-policies';

/** The report as plain JSON data, spec paths rendered as `products[0].grants[1]`, keys in a fixed order. */
export function policyReportJson(report: PolicyReport): Record<string, unknown> {
  const path = <T extends { path: readonly (string | number)[] }>(x: T) => ({ ...x, path: formatPath(x.path) });
  return {
    mesh: report.mesh,
    hasErrors: report.hasErrors,
    counts: report.counts,
    findings: report.findings.map(path),
    suppressed: report.suppressed.map((f) => ({ ...path(f), suppressedBy: formatPath(f.suppressedBy) })),
    suppressions: report.suppressions.map(path),
    rules: report.rules,
  };
}

/** Machine output of {@link policyReportJson}; findings are sorted, so the text is byte-identical across runs. */
export function renderJson(report: PolicyReport): string {
  return `${JSON.stringify(policyReportJson(report), null, 2)}\n`;
}

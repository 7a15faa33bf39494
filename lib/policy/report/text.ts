import type { PolicyReport } from '../check-policies';
import { formatFinding } from '../format-finding';
import { describeSuppression, groupByProduct, groupTitle, plural } from './sections';

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => by + l)
    .join('\n');
}

/** Human output: a summary line, open findings grouped by product, then every suppression. */
export function renderText(report: PolicyReport): string {
  const { errors, warnings, suppressed } = report.counts;
  const out = [`Policy check of mesh ${report.mesh}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${suppressed} suppressed`];
  for (const [product, findings] of groupByProduct(report.findings)) {
    out.push('', `${groupTitle(product)}:`, ...findings.map((f) => indent(formatFinding(f), '  ')));
  }
  if (report.suppressions.length > 0) {
    out.push('', 'Suppressions:', ...report.suppressions.map((s) => `  ${describeSuppression(s)}`));
  }
  if (report.suppressed.length > 0) {
    out.push('', 'Suppressed findings:', ...report.suppressed.map((f) => indent(`${formatFinding(f)}\n    accepted: ${f.reason}`, '  ')));
  }
  return `${out.join('\n')}\n`;
}

import type { PolicyReport } from '../check-policies';
import { findingWhere } from '../format-finding';
import type { Finding } from '../rule';
import { describeSuppression, groupByProduct, groupTitle, plural } from './sections';

/** Table cells cannot hold `|` or line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(findings: readonly Finding[]): string[] {
  return [
    '| Severity | Rule | Where | Finding | Fix |',
    '| --- | --- | --- | --- | --- |',
    ...findings.map((f) => `| ${f.severity} | \`${f.rule}\` | ${cell(findingWhere(f))} | ${cell(f.message)} | ${cell(f.fix)} |`),
  ];
}

/** A pull-request comment: verdict, findings per product, suppressions folded away. */
export function renderMarkdown(report: PolicyReport): string {
  const { errors, warnings, suppressed } = report.counts;
  const verdict = report.hasErrors ? ':x: **Policy check failed**' : ':white_check_mark: **Policy check passed**';
  const out = [`### meshgrant policy check: ${report.mesh}`, '', `${verdict}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${suppressed} suppressed.`];
  for (const [product, findings] of groupByProduct(report.findings)) {
    out.push('', `#### ${groupTitle(product)}`, '', ...table(findings));
  }
  if (report.suppressions.length > 0) {
    out.push('', `<details><summary>${plural(report.suppressions.length, 'suppression')}</summary>`, '', ...report.suppressions.map((s) => `- ${cell(describeSuppression(s))}`), '', '</details>');
  }
  return `${out.join('\n')}\n`;
}

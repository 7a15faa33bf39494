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

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /**
   * Most findings listed; errors come first. GitHub refuses comments over 65,536 characters.
   * @default 100
   */
  readonly maxFindings?: number;
  /**
   * What was checked, as the heading and the verdict name it.
   * @default 'policy check'
   */
  readonly check?: string;
}

/** A pull-request comment: verdict, findings per product (errors first when cut), suppressions folded away. */
export function renderMarkdown(report: PolicyReport, options: MarkdownOptions = {}): string {
  const { errors, warnings, suppressed } = report.counts;
  const check = options.check ?? 'policy check';
  const Check = `${check[0].toUpperCase()}${check.slice(1)}`;
  const verdict = report.hasErrors ? `:x: **${Check} failed**` : `:white_check_mark: **${Check} passed**`;
  const out = [
    `### meshgrant ${check}: ${report.mesh}`,
    '',
    `${verdict}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${suppressed} suppressed.`,
  ];
  const max = options.maxFindings ?? 100;
  const shown = new Set(
    [...report.findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)).slice(0, max),
  );
  for (const [product, findings] of groupByProduct(report.findings.filter((f) => shown.has(f)))) {
    out.push('', `#### ${groupTitle(product)}`, '', ...table(findings));
  }
  if (shown.size < report.findings.length) {
    out.push('', `_${plural(report.findings.length - shown.size, 'more finding')} not shown; \`meshgrant validate\` lists them all._`);
  }
  if (report.suppressions.length > 0) {
    out.push(
      '',
      `<details><summary>${plural(report.suppressions.length, 'suppression')}</summary>`,
      '',
      ...report.suppressions.map((s) => `- ${cell(describeSuppression(s))}`),
      '',
      '</details>',
    );
  }
  return `${out.join('\n')}\n`;
}

/**
 * Terraform's JSON syntax reads every string as a template: `${` opens an interpolation and `%{`
 * a directive, while `$${` and `%%{` stand for the literal `${` and `%{`. These helpers write text
 * so that Terraform reads it back verbatim, and find the sequences Terraform would evaluate.
 */

/** `text` written so that Terraform reads it as exactly `text`: `${` as `$${`, `%{` as `%%{`. */
export function escapeTemplateLiteral(text: string): string {
  return text.replace(/([$%])\{/g, (_match, sigil: string) => `${sigil}${sigil}{`);
}

/** A sequence Terraform evaluates in a template string. */
export interface TemplateSequence {
  readonly kind: 'interpolation' | 'directive';
  /** What stands between the braces, e.g. `aws_iam_role.x.id`. */
  readonly body: string;
  /** Whether the closing brace was found; an unclosed sequence is a template syntax error. */
  readonly closed: boolean;
}

/**
 * Every `${...}` and `%{...}` Terraform would evaluate in `text`, left to right; escaped ones
 * (`$${`, `%%{`) are skipped the way Terraform's scanner skips them. Nested braces inside a
 * sequence are counted so that `${f({a = 1})}` is one sequence.
 */
export function templateSequences(text: string): TemplateSequence[] {
  const found: TemplateSequence[] = [];
  let i = 0;
  while (i < text.length) {
    // Most strings have no brace at all: skip them in one step.
    const next = text.indexOf('{', i);
    if (next < 0) break;
    if (next - 2 > i) i = next - 2;
    const c = text[i];
    if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      i += 3;
      continue;
    }
    if ((c === '$' || c === '%') && text[i + 1] === '{') {
      let depth = 1;
      let j = i + 2;
      while (j < text.length && depth > 0) {
        if (text[j] === '{') depth += 1;
        else if (text[j] === '}') depth -= 1;
        j += 1;
      }
      const closed = depth === 0;
      found.push({ kind: c === '$' ? 'interpolation' : 'directive', body: text.slice(i + 2, closed ? j - 1 : j), closed });
      i = j;
      continue;
    }
    i += 1;
  }
  return found;
}

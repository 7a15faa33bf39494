import { LfTags, lfTagText } from './lf-tags';
import { ResourceBody, strings, text } from './terraform-stack';

/** One condition of an LF-tag policy: the resource's value for `key` is one of `values`. */
export interface TagCondition {
  readonly key: string;
  readonly values: readonly string[];
}

/** Reads the `expression` blocks of an `lf_tag_policy`, lower-cased as Lake Formation stores them. */
export function readExpression(expression: unknown): TagCondition[] {
  const list = Array.isArray(expression) ? expression : expression === undefined ? [] : [expression];
  return list.map((e: ResourceBody) => ({ key: lfTagText(text(e.key) ?? ''), values: strings(e.values).map(lfTagText) }));
}

/**
 * True when a resource with `tags` satisfies the expression: keys are ANDed, the values of one
 * key are ORed (AWS Lake Formation Developer Guide, "Lake Formation tag-based access control
 * best practices and considerations"). A resource without the key does not match it. An empty
 * expression matches nothing (Lake Formation requires at least one condition).
 */
export function matchesExpression(expression: readonly TagCondition[], tags: LfTags): boolean {
  return (
    expression.length > 0 &&
    expression.every((c) => {
      const value = tags.get(c.key);
      return value !== undefined && c.values.includes(value);
    })
  );
}

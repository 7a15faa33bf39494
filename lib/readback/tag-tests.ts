import { SessionRule, TagTest } from './effective-access';

/**
 * How IAM evaluates the tests of an attribute rule against one session's tags, for the
 * operators readback understands (lib/readback/trust.ts):
 * - `StringEquals` / `StringLike`: the tag is present and equals (matches) one of the values;
 * - `StringNotEquals` / `StringNotLike`: the tag is absent, or equals (matches) none of them;
 * - `StringLike` patterns: `*` is any text, `?` one character, the rest compared exactly;
 * - tag keys compare without regard to case, as IAM's condition keys do; values with it.
 *
 * @param tag the session's value of a tag key (given lower case), undefined when it has none
 */
export function ruleTestsHold(rule: SessionRule, tag: (lowerCaseKey: string) => string | undefined): boolean {
  return (
    Object.entries(rule.attributes).every(([key, values]) => {
      const value = tag(key.toLowerCase());
      return value !== undefined && values.includes(value);
    }) && (rule.tagTests ?? []).every((t) => tagTestHolds(t, tag(t.attribute.toLowerCase())))
  );
}

/** One test on the session's value of its tag (undefined when the session has no such tag). */
export function tagTestHolds(test: TagTest, value: string | undefined): boolean {
  switch (test.operator) {
    case 'StringLike':
      return value !== undefined && test.values.some((p) => likeMatches(p, value));
    case 'StringNotLike':
      return value === undefined || !test.values.some((p) => likeMatches(p, value));
    case 'StringNotEquals':
      return value === undefined || !test.values.includes(value);
  }
}

/** IAM's `StringLike`: `*` matches any run of characters (none included), `?` exactly one. */
export function likeMatches(pattern: string, value: string): boolean {
  // Iterative glob matching with backtracking to the last `*`: linear in practice, no regex built from input.
  let p = 0;
  let v = 0;
  let star = -1;
  let resume = 0;
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || (pattern[p] !== '*' && pattern[p] === value[v]))) {
      p++;
      v++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = v;
    } else if (star >= 0) {
      p = star + 1;
      v = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** A rule's tests on one line, for reports: `country~*:FR:* department=Finance|Risk level!~a`. */
export function describeRuleTests(rule: Pick<SessionRule, 'attributes' | 'tagTests'>): string {
  const sign = { StringLike: '~', StringNotLike: '!~', StringNotEquals: '!=' } as const;
  return [
    ...Object.keys(rule.attributes).map((k) => ({ key: k, text: `${k}=${[...rule.attributes[k]].sort().join('|')}` })),
    ...(rule.tagTests ?? []).map((t) => ({ key: t.attribute, text: `${t.attribute}${sign[t.operator]}${t.values.join('|')}` })),
  ]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .map((x) => x.text)
    .join(' ');
}

import { ProblemCollector, SpecPath } from '../model/problems';
import { Attribute, checkFactValue, printable, resolveAttributeRef } from './attributes';
import { isWithin } from './tag-path';

/**
 * Who a subscription policy admits, as written in policies.yaml. Every key present must hold
 * (AND); a list of values or names is any-of (OR).
 *
 * ```yaml
 * allow:
 *   attributes: { department: Finance, country: [US, FR] }
 *   not: { attributes: { employment: contractor } }
 * ```
 */
export interface ConditionSpec {
  /** Attribute -> value or values: the person holds one of them (or a value below one, for hierarchical attributes). */
  readonly attributes?: Readonly<Record<string, string | readonly string[]>>;
  /** The person is in one of these directory groups. */
  readonly groups?: readonly string[];
  /** The person is one of these users. */
  readonly users?: readonly string[];
  /**
   * The person holds a value of this attribute equal to one of the data's tags, or a hierarchical
   * parent of one (one direction only: `Finance` admits data tagged `Finance.Payables`, not the reverse).
   */
  readonly tagMatchesAttribute?: string;
  /** The condition must not hold. */
  readonly not?: ConditionSpec;
  /** At least one of these conditions holds. */
  readonly anyOf?: readonly ConditionSpec[];
}

/** A validated condition: a small tree that readback, reports and the AWS target all interpret. */
export type Condition =
  | { readonly kind: 'attribute'; readonly attribute: string; readonly anyOf: readonly string[] }
  | { readonly kind: 'group'; readonly anyOf: readonly string[] }
  | { readonly kind: 'user'; readonly anyOf: readonly string[] }
  | { readonly kind: 'tag-matches-attribute'; readonly attribute: string }
  | { readonly kind: 'not'; readonly condition: Condition }
  | { readonly kind: 'all'; readonly conditions: readonly Condition[] }
  | { readonly kind: 'any'; readonly conditions: readonly Condition[] };

const KEYS: readonly (keyof ConditionSpec)[] = ['attributes', 'groups', 'users', 'tagMatchesAttribute', 'not', 'anyOf'];

const sortedUnique = (xs: readonly string[]) => [...new Set(xs)].sort();

/** Checks a condition spec against the declared attributes; undefined when it does not hold together. */
export function checkCondition(
  spec: ConditionSpec,
  attributes: ReadonlyMap<string, Attribute>,
  problems: ProblemCollector,
  path: SpecPath,
): Condition | undefined {
  const parts: Condition[] = [];
  const before = problems.problems.length;
  if (!KEYS.some((k) => spec[k] !== undefined)) {
    problems.add(path, 'an empty condition admits nobody', `write at least one of ${KEYS.map((k) => `\`${k}\``).join(', ')}`);
    return undefined;
  }
  for (const name of Object.keys(spec.attributes ?? {}).sort()) {
    const raw = spec.attributes![name];
    const values = typeof raw === 'string' ? [raw] : [...raw];
    const at = [...path, 'attributes', name];
    if (values.length === 0) problems.add(at, `attribute \`${printable(name)}\` lists no value`);
    const attribute = resolveAttributeRef(attributes, name, values, problems, at);
    values.forEach((v) => {
      const bad = checkFactValue(v, attribute?.hierarchical ?? false);
      if (bad) problems.add(at, bad);
    });
    parts.push({ kind: 'attribute', attribute: name, anyOf: sortedUnique(values) });
  }
  if (spec.groups) parts.push({ kind: 'group', anyOf: sortedUnique(spec.groups) });
  if (spec.users) parts.push({ kind: 'user', anyOf: sortedUnique(spec.users) });
  if (spec.tagMatchesAttribute !== undefined) {
    resolveAttributeRef(attributes, spec.tagMatchesAttribute, [], problems, [...path, 'tagMatchesAttribute']);
    parts.push({ kind: 'tag-matches-attribute', attribute: spec.tagMatchesAttribute });
  }
  if (spec.not) {
    const inner = checkCondition(spec.not, attributes, problems, [...path, 'not']);
    if (inner) parts.push({ kind: 'not', condition: inner });
  }
  if (spec.anyOf) {
    if (spec.anyOf.length === 0) problems.add([...path, 'anyOf'], '`anyOf` lists no condition');
    const alternatives = spec.anyOf.map((c, i) => checkCondition(c, attributes, problems, [...path, 'anyOf', i]));
    if (alternatives.every((c): c is Condition => c !== undefined)) parts.push({ kind: 'any', conditions: alternatives });
  }
  if (problems.problems.length > before) return undefined;
  return parts.length === 1 ? parts[0] : { kind: 'all', conditions: parts };
}

/** What a condition is evaluated against: one person and the tags of one table. */
export interface ConditionSubject {
  readonly user: string;
  readonly groups: ReadonlySet<string>;
  /** Attribute name -> the values the person holds. */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  /** The table's data tags, with the attributes' hierarchy flags to compare them. */
  readonly tableTags: readonly string[];
  readonly hierarchical: (attribute: string) => boolean;
}

/** True when the condition admits the subject. */
export function conditionHolds(c: Condition, s: ConditionSubject): boolean {
  switch (c.kind) {
    case 'attribute': {
      const held = s.attributes[c.attribute] ?? [];
      const within = s.hierarchical(c.attribute) ? isWithin : (a: string, b: string) => a === b;
      return held.some((v) => c.anyOf.some((wanted) => within(v, wanted)));
    }
    case 'group':
      return c.anyOf.some((g) => s.groups.has(g));
    case 'user':
      return c.anyOf.includes(s.user);
    case 'tag-matches-attribute': {
      const held = s.attributes[c.attribute] ?? [];
      const within = s.hierarchical(c.attribute) ? isWithin : (a: string, b: string) => a === b;
      return s.tableTags.some((tag) => held.some((v) => within(tag, v)));
    }
    case 'not':
      return !conditionHolds(c.condition, s);
    case 'all':
      return c.conditions.every((x) => conditionHolds(x, s));
    case 'any':
      return c.conditions.some((x) => conditionHolds(x, s));
  }
}

/** The condition in one line, for reports: `department in (Finance) AND NOT group in (contractors)`. */
export function describeCondition(c: Condition): string {
  switch (c.kind) {
    case 'attribute':
      return `${c.attribute} in (${c.anyOf.join(', ')})`;
    case 'group':
      return `group in (${c.anyOf.join(', ')})`;
    case 'user':
      return `user in (${c.anyOf.join(', ')})`;
    case 'tag-matches-attribute':
      return `${c.attribute} matches a data tag`;
    case 'not':
      return `NOT (${describeCondition(c.condition)})`;
    case 'all':
      return c.conditions.map((x) => (x.kind === 'any' ? `(${describeCondition(x)})` : describeCondition(x))).join(' AND ');
    case 'any':
      return c.conditions.map((x) => (x.kind === 'all' ? `(${describeCondition(x)})` : describeCondition(x))).join(' OR ');
  }
}

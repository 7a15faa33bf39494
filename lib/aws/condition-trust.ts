import { Condition } from '../abac/condition';
import { ancestorsOrSelf } from '../abac/tag-path';

/**
 * Compiles an attribute-based condition into the statements of an IAM role trust policy, so that
 * exactly the people the condition admits can assume the role.
 *
 * How people's facts reach IAM (docs/aws-mapping.md, "Attributes as session tags"):
 * - an attribute is one session tag `aws:PrincipalTag/<name>` set by the identity provider;
 * - a single-valued attribute holds its value; a multi-valued one holds every value between
 *   colons, `:US:FR:`, so that a value is matched whole (`*:FR:*`), never as a substring;
 * - a hierarchical value `Finance.Payables` is within `Finance`: matched by `Finance` or `Finance.*`;
 * - only the declared session principals (the identity provider's or Identity Center's roles,
 *   whose tags only the provider sets) may assume by attribute: never an account root, from
 *   which any principal that can tag its own session would qualify.
 *
 * The condition is brought to disjunctive normal form; each conjunction is one Allow statement
 * (IAM ANDs the keys of one statement and ORs statements). What IAM cannot say is refused with
 * the reason, never compiled weaker.
 */

/** How an attribute is carried in a session tag. */
export interface AttributeEncoding {
  readonly hierarchical: boolean;
  readonly multiValued: boolean;
}

/** Who may assume, as IAM principals. */
export interface TrustPrincipals {
  /** Sessions that carry directory attributes as tags (declared, never an account root). */
  readonly sessions: readonly string[];
  /** The principal ARN a directory group or user maps to, or undefined when unmapped. */
  readonly group: (name: string) => string | undefined;
  readonly user: (name: string) => string | undefined;
}

/** Statements, or why the condition cannot be enforced by a trust policy. */
export type TrustCompilation = { readonly statements: readonly TrustStatement[] } | { readonly refused: string };

export interface TrustStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Principal: { readonly AWS: readonly string[] };
  readonly Action: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** The most statements one condition may become (a trust policy holds at most 4,096 characters). */
export const MAX_TRUST_STATEMENTS = 8;

/** The tag key an attribute travels in. */
export const sessionTagKey = (attribute: string) => `aws:PrincipalTag/${attribute}`;

type Literal =
  | { readonly kind: 'tag'; readonly attribute: string; readonly patterns: readonly string[]; readonly negated: boolean }
  | { readonly kind: 'principal'; readonly arns: readonly string[]; readonly negated: boolean };

/**
 * Compiles `condition` for a table whose data tags are `tableTags` (what `tagMatchesAttribute`
 * compares with).
 */
export function conditionTrust(
  condition: Condition,
  encodingOf: (attribute: string) => AttributeEncoding,
  principals: TrustPrincipals,
  tableTags: readonly string[],
): TrustCompilation {
  let clauses: Literal[][];
  try {
    clauses = dnf(condition, false, encodingOf, principals, tableTags);
  } catch (e) {
    if (e instanceof Refusal) return { refused: e.message };
    throw e;
  }
  const statements: TrustStatement[] = [];
  for (const clause of clauses) {
    const statement = statementOf(clause, principals);
    if ('refused' in statement) return statement;
    if (statement.statement) statements.push({ ...statement.statement, Sid: `Attributes${statements.length + 1}` });
  }
  if (statements.length > MAX_TRUST_STATEMENTS) {
    return {
      refused: `it needs ${statements.length} trust statements (at most ${MAX_TRUST_STATEMENTS}): split the condition into policies of their own`,
    };
  }
  return { statements };
}

class Refusal extends Error {}

function dnf(
  c: Condition,
  negated: boolean,
  encodingOf: (a: string) => AttributeEncoding,
  principals: TrustPrincipals,
  tableTags: readonly string[],
): Literal[][] {
  const recur = (x: Condition, n: boolean) => dnf(x, n, encodingOf, principals, tableTags);
  switch (c.kind) {
    case 'attribute':
      return [[{ kind: 'tag', attribute: c.attribute, patterns: patternsWithin(c.anyOf, encodingOf(c.attribute)), negated }]];
    case 'tag-matches-attribute': {
      const encoding = encodingOf(c.attribute);
      // A person's value admits a table when it equals one of its tags or an ancestor of one.
      const admitted = [...new Set(tableTags.flatMap((t) => (encoding.hierarchical ? ancestorsOrSelf(t) : [t])))].sort();
      if (admitted.length === 0) return negated ? [[]] : [];
      return [[{ kind: 'tag', attribute: c.attribute, patterns: patternsEqual(admitted, encoding), negated }]];
    }
    case 'group':
    case 'user': {
      const arns = c.anyOf.map((name) => {
        const arn = c.kind === 'group' ? principals.group(name) : principals.user(name);
        if (arn === undefined) throw new Refusal(`${c.kind} \`${name}\` has no principal in this environment`);
        return arn;
      });
      return [[{ kind: 'principal', arns: [...new Set(arns)].sort(), negated }]];
    }
    case 'not':
      return recur(c.condition, !negated);
    case 'all':
    case 'any': {
      const conjunction = (c.kind === 'all') !== negated;
      const parts = c.conditions.map((x) => recur(x, negated));
      if (!conjunction) return parts.flat();
      return parts.reduce<Literal[][]>((acc, part) => acc.flatMap((a) => part.map((b) => [...a, ...b])), [[]]);
    }
  }
}

/** Session-tag patterns that match a value within one of `values`. */
function patternsWithin(values: readonly string[], e: AttributeEncoding): string[] {
  const element = (v: string) => (e.multiValued ? `*:${v}:*` : v);
  const below = (v: string) => (e.multiValued ? `*:${v}.*` : `${v}.*`);
  return [...new Set(values.flatMap((v) => (e.hierarchical ? [element(v), below(v)] : [element(v)])))].sort();
}

/** Session-tag patterns that match exactly one of `values`. */
function patternsEqual(values: readonly string[], e: AttributeEncoding): string[] {
  return values.map((v) => (e.multiValued ? `*:${v}:*` : v));
}

function statementOf(
  clause: readonly Literal[],
  principals: TrustPrincipals,
): { statement?: Omit<TrustStatement, 'Sid'> } | { refused: string } {
  let allowed: string[] | undefined;
  const excluded = new Set<string>();
  const like = new Map<string, string[]>();
  const notLike = new Map<string, Set<string>>();
  for (const l of clause) {
    if (l.kind === 'principal') {
      if (l.negated) l.arns.forEach((a) => excluded.add(a));
      else allowed = allowed === undefined ? [...l.arns] : allowed.filter((a) => l.arns.includes(a));
      continue;
    }
    const key = sessionTagKey(l.attribute);
    if (l.negated) {
      const set = notLike.get(key) ?? new Set<string>();
      l.patterns.forEach((p) => set.add(p));
      notLike.set(key, set);
    } else if (like.has(key)) {
      return {
        refused: `two conditions on attribute \`${l.attribute}\` must hold together, which one trust statement cannot say: write them as one condition`,
      };
    } else {
      like.set(key, [...l.patterns]);
    }
  }
  const from = (allowed ?? [...principals.sessions]).filter((a) => !excluded.has(a)).sort();
  if (from.length === 0) return {};
  const condition: Record<string, Record<string, string[]>> = {};
  const put = (operator: string, key: string, values: string[]) => ((condition[operator] ??= {})[key] = values);
  for (const key of [...like.keys()].sort()) put('StringLike', key, like.get(key)!);
  for (const key of [...notLike.keys()].sort()) put('StringNotLike', key, [...notLike.get(key)!].sort());
  if (excluded.size > 0) put('ArnNotEquals', 'aws:PrincipalArn', [...excluded].sort());
  const hasCondition = Object.keys(condition).length > 0;
  return {
    statement: {
      Effect: 'Allow',
      Principal: { AWS: from },
      // TagSession: session tags of the provider travel on when the role is assumed from its session.
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      ...(hasCondition ? { Condition: condition } : {}),
    },
  };
}

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
 * the reason, never compiled weaker nor narrower. A session is one principal (the attribute
 * session, one group's role or the user's role) and IAM sees no other membership of the person
 * behind it, so (docs/decisions.md, "Group and user conditions a trust policy can enforce"):
 * - `not` over groups or users is refused: excluding a group's role by ARN still admits its
 *   members through their other sessions;
 * - a conjunction of a user and a group, or of two groups neither of whose lists contains the
 *   other, is refused: no single session proves both memberships. Group lists one of which
 *   contains the other reduce to the smaller one, and user lists to their intersection (a
 *   person is one user), both exact.
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

/** A value a session tag may hold: exactly `value`, or (`below`) any value strictly below it in the hierarchy. */
interface Element {
  readonly value: string;
  readonly below: boolean;
}

type Literal =
  | {
      readonly kind: 'tag';
      readonly attribute: string;
      /** The person holds a value that is one of these (any of them). */
      readonly elements: readonly Element[];
      readonly multiValued: boolean;
      readonly negated: boolean;
    }
  | {
      readonly kind: 'principal';
      readonly identity: 'group' | 'user';
      /** Directory names, for messages. */
      readonly names: readonly string[];
      readonly arns: readonly string[];
    };

/**
 * Compiles `condition` for a table whose data tags are `tableTags` (what `tagMatchesAttribute`
 * compares with), ANDed with holding `exactly` each given value (a row policy's segment: the value
 * as written, not one below it).
 */
export function conditionTrust(
  condition: Condition,
  encodingOf: (attribute: string) => AttributeEncoding,
  principals: TrustPrincipals,
  tableTags: readonly string[],
  exactly: Readonly<Record<string, string>> = {},
): TrustCompilation {
  let clauses: Literal[][];
  try {
    clauses = dnf(condition, false, encodingOf, principals, tableTags);
  } catch (e) {
    if (e instanceof Refusal) return { refused: e.message };
    throw e;
  }
  const held = Object.keys(exactly)
    .sort()
    .map((attribute): Literal => ({
      kind: 'tag',
      attribute,
      elements: [{ value: exactly[attribute], below: false }],
      multiValued: encodingOf(attribute).multiValued,
      negated: false,
    }));
  const statements: TrustStatement[] = [];
  for (const clause of clauses) {
    const statement = statementOf([...clause, ...held], principals);
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
    case 'attribute': {
      const encoding = encodingOf(c.attribute);
      return [
        [{ kind: 'tag', attribute: c.attribute, elements: elementsWithin(c.anyOf, encoding), multiValued: encoding.multiValued, negated }],
      ];
    }
    case 'tag-matches-attribute': {
      const encoding = encodingOf(c.attribute);
      // A person's value admits a table when it equals one of its tags or an ancestor of one.
      const admitted = [...new Set(tableTags.flatMap((t) => (encoding.hierarchical ? ancestorsOrSelf(t) : [t])))].sort();
      if (admitted.length === 0) return negated ? [[]] : [];
      const elements = admitted.map((value) => ({ value, below: false }));
      return [[{ kind: 'tag', attribute: c.attribute, elements, multiValued: encoding.multiValued, negated }]];
    }
    case 'group':
    case 'user': {
      if (negated)
        throw new Refusal(
          `NOT ${c.kind} in (${c.anyOf.join(', ')}) cannot be enforced: IAM sees the one principal a session is, so excluding the ${c.kind === 'group' ? "group's role" : "user's role"} still admits its ${c.kind === 'group' ? 'members' : 'person'} through their other sessions; let the identity provider send the membership as a multi-valued attribute and write \`not: { attributes: ... }\``,
        );
      const arns = c.anyOf.map((name) => {
        const arn = c.kind === 'group' ? principals.group(name) : principals.user(name);
        if (arn === undefined) throw new Refusal(`${c.kind} \`${name}\` has no principal in this environment`);
        return arn;
      });
      return [[{ kind: 'principal', identity: c.kind, names: c.anyOf, arns: [...new Set(arns)].sort() }]];
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

/** What holding one of `values` allows: each value, and for a hierarchical attribute the values below it. */
function elementsWithin(values: readonly string[], e: AttributeEncoding): Element[] {
  return values.flatMap((value) =>
    e.hierarchical
      ? [
          { value, below: false },
          { value, below: true },
        ]
      : [{ value, below: false }],
  );
}

/** The `StringLike` pattern of an element: `FR`, `Finance.*`; `*:FR:*`, `*:Finance.*` in a multi-valued tag. */
function pattern(element: Element, multiValued: boolean): string {
  const text = element.below ? `${element.value}.*` : element.value;
  if (!multiValued) return text;
  return element.below ? `*:${text}` : `*:${text}:*`;
}

/**
 * `StringLike` patterns of a session tag that match a person holding one of `values` (or, for a
 * hierarchical attribute, a value below one): `Finance`, `Finance.*`; `*:FR:*` for a multi-valued one.
 */
export function patternsWithin(values: readonly string[], e: AttributeEncoding): string[] {
  return [...new Set(elementsWithin(values, e).map((x) => pattern(x, e.multiValued)))].sort();
}

/** True when every value `a` matches, `b` matches too. */
function elementWithin(a: Element, b: Element): boolean {
  if (b.below) return a.value.startsWith(`${b.value}.`) || (a.below && a.value === b.value);
  return !a.below && a.value === b.value;
}

/** True when holding a value matching one of `a` implies holding one matching one of `b`. */
const implies = (a: readonly Element[], b: readonly Element[]) => a.every((x) => b.some((y) => elementWithin(x, y)));

/**
 * Two tests on one session tag that must hold together, as one: for a single value, the
 * intersection of what each matches (two elements are nested or disjoint, so it is exact); for
 * a multi-valued tag, the narrower of the two when one implies the other, else undefined (two
 * values held together cannot be one pattern).
 */
function bothHold(a: readonly Element[], b: readonly Element[], multiValued: boolean): readonly Element[] | undefined {
  if (implies(a, b)) return a;
  if (implies(b, a)) return b;
  if (multiValued) return undefined;
  return a.flatMap((x) => b.flatMap((y) => (elementWithin(x, y) ? [x] : elementWithin(y, x) ? [y] : [])));
}

/**
 * The principals whose sessions prove every membership of a conjunction: undefined when it names
 * none (the attribute sessions then), refused when no single session can prove them all.
 */
function sessionsProving(
  identities: readonly Extract<Literal, { kind: 'principal' }>[],
): readonly string[] | { refused: string } | undefined {
  if (identities.length === 0) return undefined;
  const shown = (l: (typeof identities)[number]) => `${l.identity} in (${l.names.join(', ')})`;
  const users = identities.filter((l) => l.identity === 'user');
  const groups = identities.filter((l) => l.identity === 'group');
  if (users.length > 0 && groups.length > 0)
    return {
      refused: `${shown(users[0])} AND ${shown(groups[0])} cannot be enforced: a session is the user's role or a group's role, never both; let the identity provider send the group membership as a multi-valued attribute and test that`,
    };
  // A person is one user: user lists intersect exactly.
  if (groups.length === 0) return users.reduce<string[]>((acc, l) => acc.filter((a) => l.arns.includes(a)), [...users[0].arns]);
  // Group lists: exact only when one of them lies within every other (the conjunction is then that one).
  const smallest = [...groups].sort((a, b) => a.arns.length - b.arns.length)[0];
  const other = groups.find((l) => !smallest.arns.every((a) => l.arns.includes(a)));
  if (other !== undefined)
    return {
      refused: `${shown(smallest)} AND ${shown(other)} cannot be enforced: a session is one group's role, so a person whose memberships meet each list through different groups would be refused; let the identity provider send the group membership as a multi-valued attribute and test that`,
    };
  return smallest.arns;
}

function statementOf(
  clause: readonly Literal[],
  principals: TrustPrincipals,
): { statement?: Omit<TrustStatement, 'Sid'> } | { refused: string } {
  const identities = clause.filter((l): l is Extract<Literal, { kind: 'principal' }> => l.kind === 'principal');
  const allowed = sessionsProving(identities);
  if (allowed !== undefined && 'refused' in allowed) return allowed;
  const like = new Map<string, { elements: readonly Element[]; multiValued: boolean }>();
  const notLike = new Map<string, Set<string>>();
  for (const l of clause) {
    if (l.kind === 'principal') continue;
    const key = sessionTagKey(l.attribute);
    if (l.negated) {
      const set = notLike.get(key) ?? new Set<string>();
      l.elements.forEach((e) => set.add(pattern(e, l.multiValued)));
      notLike.set(key, set);
      continue;
    }
    const before = like.get(key);
    const elements = before === undefined ? l.elements : bothHold(before.elements, l.elements, l.multiValued);
    if (elements === undefined)
      return {
        refused: `two values of multi-valued attribute \`${l.attribute}\` must be held together, which one trust statement cannot test (the attribute travels in one session tag, matched against one list of patterns)`,
      };
    // Nobody holds a value both tests match.
    if (elements.length === 0) return {};
    like.set(key, { elements, multiValued: l.multiValued });
  }
  const from = [...(allowed ?? principals.sessions)].sort();
  if (from.length === 0) return {};
  const condition: Record<string, Record<string, string[]>> = {};
  const put = (operator: string, key: string, values: string[]) => ((condition[operator] ??= {})[key] = values);
  for (const key of [...like.keys()].sort()) {
    const { elements, multiValued } = like.get(key)!;
    put('StringLike', key, [...new Set(elements.map((e) => pattern(e, multiValued)))].sort());
  }
  for (const key of [...notLike.keys()].sort()) put('StringNotLike', key, [...notLike.get(key)!].sort());
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

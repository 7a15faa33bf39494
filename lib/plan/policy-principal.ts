import { createHash } from 'crypto';
import type { Attribute } from '../abac/attributes';
import { Condition, ConditionSubject, conditionHolds, describeCondition } from '../abac/condition';
import { isWithin } from '../abac/tag-path';
import type { Members } from '../model/members';
import type { GuardedHolder } from './named-holder';

/**
 * A principal that global policies call for, cloud-neutral: whoever meets `condition` (and, for
 * a segment, holds exactly the segment's values) may act as it. One exists per distinct merged
 * condition of subscriptions, per (product role or purpose, guardrail) when always-required
 * subscriptions guard a table the role or purpose reads, and per segment of a row policy.
 */
export interface PolicyPrincipal {
  /**
   * Short stable id, `policy-<hash>` of what the principal stands for (see {@link policyPrincipal}):
   * equal principals share it, and it survives an edit of who meets the condition.
   */
  readonly id: string;
  /** Names of the global policies that shaped it (subscriptions and row policies), sorted. */
  readonly policies: readonly string[];
  /** Who may act as it (segment values aside). */
  readonly condition: Condition;
  /** The table's data tags, when `condition` compares attributes with them (`tagMatchesAttribute`); else empty. */
  readonly tableTags: readonly string[];
  /**
   * A row policy's segment: attribute -> the one value the reader holds (exactly: a hierarchical
   * value is not within its parent here, as the filter compares it as written).
   */
  readonly segment?: Readonly<Record<string, string>>;
  /** The product role or purpose whose way in this principal guards or segments; undefined for subscriptions. */
  readonly guards?: GuardedHolder;
}

/**
 * What tells principals of one mesh apart besides their policies, segment and guarded way in:
 * together these determine the condition (it is computed from them), so they name the principal.
 */
export interface PrincipalIdentity {
  /** The table's data tags when the way in's condition compares them, before a segment decides it; else empty. */
  readonly tableTags: readonly string[];
  /** Row policies whose excepted groups the principal's readers are in, sorted. */
  readonly excepted: readonly string[];
}

/**
 * Makes a principal. Its id hashes what it stands for (its policies, segment and guarded way in,
 * and `identity`), never its condition: two tables that these do not tell apart have the same
 * merged condition and share the principal, and editing a policy's `allow` (or a guarded role's
 * members) keeps the principal, so that only its trust changes on AWS, in place, while its role,
 * grants and filters stay (docs/decisions.md, "Principal ids name what a principal stands for").
 */
export function policyPrincipal(content: Omit<PolicyPrincipal, 'id'>, identity: PrincipalIdentity): PolicyPrincipal {
  const canonical = JSON.stringify([
    content.policies,
    identity.tableTags,
    content.segment ?? null,
    content.guards ?? null,
    identity.excepted,
  ]);
  return { id: `policy-${createHash('sha256').update(canonical).digest('hex').slice(0, 10)}`, ...content };
}

/** True when `condition` compares attributes with the table's tags (its principal then depends on the table). */
export function usesTableTags(c: Condition): boolean {
  switch (c.kind) {
    case 'tag-matches-attribute':
      return true;
    case 'not':
      return usesTableTags(c.condition);
    case 'all':
    case 'any':
      return c.conditions.some(usesTableTags);
    default:
      return false;
  }
}

/**
 * The members of a role or purpose as a condition: in one of the groups, one of the users, or
 * matching one of the attribute rules (every key, any of its values). Undefined when there are
 * no members: nobody can act as a principal guarding them.
 */
export function membersCondition(members: Members): Condition | undefined {
  const alternatives: Condition[] = [];
  if (members.groups.length > 0) alternatives.push({ kind: 'group', anyOf: members.groups });
  if (members.users.length > 0) alternatives.push({ kind: 'user', anyOf: members.users });
  for (const rule of members.attributes) {
    const parts: Condition[] = Object.keys(rule)
      .sort()
      .map((attribute) => {
        const v = rule[attribute];
        return { kind: 'attribute', attribute, anyOf: typeof v === 'string' ? [v] : [...v] };
      });
    alternatives.push(parts.length === 1 ? parts[0] : { kind: 'all', conditions: parts });
  }
  if (alternatives.length === 0) return undefined;
  return alternatives.length === 1 ? alternatives[0] : { kind: 'any', conditions: alternatives };
}

/** True when the person may act as the principal: the condition holds and they hold each segment value. */
export function admits(principal: PolicyPrincipal, person: Omit<ConditionSubject, 'tableTags'>): boolean {
  const segment = principal.segment ?? {};
  return (
    conditionHolds(principal.condition, { ...person, tableTags: principal.tableTags }) &&
    Object.keys(segment).every((a) => (person.attributes[a] ?? []).includes(segment[a]))
  );
}

/** The principal in one line: its condition and segment. */
export function describePrincipal(principal: PolicyPrincipal): string {
  const segment = Object.entries(principal.segment ?? {}).map(([a, v]) => `${a} is ${v}`);
  const c = principal.condition;
  const condition = isAlways(c) ? [] : [segment.length > 0 && c.kind === 'any' ? `(${describeCondition(c)})` : describeCondition(c)];
  return [...condition, ...segment].join(' AND ') || 'anyone with a session';
}

const ALWAYS: Condition = { kind: 'all', conditions: [] };
const NEVER: Condition = { kind: 'any', conditions: [] };

/** True for the condition every person meets (what a segment leaves of a condition it decides). */
export function isAlways(c: Condition): boolean {
  return c.kind === 'all' && c.conditions.length === 0;
}

/** True for the condition nobody meets. */
export function isNever(c: Condition): boolean {
  return c.kind === 'any' && c.conditions.length === 0;
}

/**
 * The condition for readers of one segment: a single-valued attribute holds exactly the segment's
 * value, so every test of it is decided (`country in (FR, US)` is true for segment FR, false for
 * DE); a multi-valued one holds at least that value, so only tests it passes are decided.
 * Simplified: a decided `all` or `any` collapses; {@link isNever} means nobody is in the segment.
 */
export function specialize(
  c: Condition,
  segment: Readonly<Record<string, string>>,
  attributes: readonly Attribute[],
  tableTags: readonly string[],
): Condition {
  const attribute = (name: string) => attributes.find((a) => a.name === name);
  const within = (name: string) => (attribute(name)?.hierarchical ? isWithin : (x: string, y: string) => x === y);
  const decided = (name: string, holds: boolean): Condition | undefined => {
    if (!Object.hasOwn(segment, name)) return undefined;
    if (holds) return ALWAYS;
    return attribute(name)?.multiValued ? undefined : NEVER;
  };
  const recur = (x: Condition): Condition => specialize(x, segment, attributes, tableTags);
  switch (c.kind) {
    case 'attribute':
      return (
        decided(
          c.attribute,
          c.anyOf.some((wanted) => within(c.attribute)(segment[c.attribute] ?? '', wanted)),
        ) ?? c
      );
    case 'tag-matches-attribute':
      return (
        decided(
          c.attribute,
          tableTags.some((t) => within(c.attribute)(t, segment[c.attribute] ?? '')),
        ) ?? c
      );
    case 'not': {
      const inner = recur(c.condition);
      return isAlways(inner) ? NEVER : isNever(inner) ? ALWAYS : { kind: 'not', condition: inner };
    }
    case 'all': {
      const parts = c.conditions.map(recur);
      if (parts.some(isNever)) return NEVER;
      const left = parts.filter((p) => !isAlways(p));
      return left.length === 1 ? left[0] : { kind: 'all', conditions: left };
    }
    case 'any': {
      const parts = c.conditions.map(recur);
      if (parts.some(isAlways)) return ALWAYS;
      const left = parts.filter((p) => !isNever(p));
      return left.length === 1 ? left[0] : { kind: 'any', conditions: left };
    }
    default:
      return c;
  }
}

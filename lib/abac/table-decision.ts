import { Condition, ConditionSubject, conditionHolds, describeCondition } from './condition';
import { GlobalPolicy, PolicyTarget, RowPolicy, Subscription } from './global-policy';
import { isWithin } from './tag-path';

/** The facts about one table that global policies land on (cloud-neutral: no AWS names). */
export interface TableFacts {
  readonly product: string;
  readonly domain: string;
  readonly port: string;
  /** The table's own data tags (`tags:` of the port): what `tagMatchesAttribute` compares with. */
  readonly tags: readonly string[];
  /** Entity tags of its columns: a policy on a tag lands on a table whose columns carry it too. */
  readonly columnTags: readonly string[];
  /** Classes and levels held by at least one of its columns. */
  readonly classes: readonly string[];
  readonly levels: readonly string[];
}

/** True when the policy's target selects the table: every kind listed matches (AND), any name within a kind (OR). */
export function landsOn(target: PolicyTarget, table: TableFacts): boolean {
  if (target.everything) return true;
  const anyOf = (wanted: readonly string[] | undefined, has: (name: string) => boolean) => wanted === undefined || wanted.some(has);
  const dataTags = [...table.tags, ...table.columnTags];
  return (
    anyOf(target.tags, (t) => dataTags.some((d) => isWithin(d, t))) &&
    anyOf(target.classes, (c) => table.classes.includes(c)) &&
    anyOf(target.levels, (l) => table.levels.includes(l)) &&
    anyOf(target.domains, (d) => d === table.domain) &&
    anyOf(target.products, (p) => p === table.product) &&
    anyOf(target.ports, (p) => p === `${table.product}/${table.port}`)
  );
}

/**
 * The merged decision for one table: which policies landed and how they combine. Subscriptions
 * combine as every always-required one AND any one of the shared ones (when at least one landed);
 * the always-required ones also guard every other way to the table (product roles, purposes).
 */
export interface TableDecision {
  readonly table: TableFacts;
  /** Always-required subscriptions that landed, by name. */
  readonly required: readonly Subscription[];
  /** Shared subscriptions that landed, by name. */
  readonly shared: readonly Subscription[];
  /** Row policies that landed, by name; ANDed with each other and with a grant's or binding's filter. */
  readonly rowPolicies: readonly RowPolicy[];
  /** Who reads the table through subscriptions; undefined when no subscription landed. */
  readonly subscription?: Condition;
  /** What every way in must also meet; undefined when no always-required subscription landed. */
  readonly guardrail?: Condition;
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Lands the mesh's policies on one table and merges them. */
export function decideTable(policies: readonly GlobalPolicy[], table: TableFacts): TableDecision {
  const landed = policies.filter((p) => landsOn(p.on, table));
  const subscriptions = landed.filter((p): p is Subscription => p.kind === 'subscription');
  const required = subscriptions.filter((s) => s.merge === 'always-required').sort(byName);
  const shared = subscriptions.filter((s) => s.merge === 'shared').sort(byName);
  const rowPolicies = landed.filter((p): p is RowPolicy => p.kind === 'row-policy').sort(byName);
  const guardrail = allOf(required.map((s) => s.allow));
  const anyShared =
    shared.length === 0
      ? undefined
      : shared.length === 1
        ? shared[0].allow
        : { kind: 'any' as const, conditions: shared.map((s) => s.allow) };
  const subscription =
    subscriptions.length === 0 ? undefined : allOf([...(guardrail ? [guardrail] : []), ...(anyShared ? [anyShared] : [])]);
  return { table, required, shared, rowPolicies, subscription, guardrail };
}

function allOf(conditions: readonly Condition[]): Condition | undefined {
  if (conditions.length === 0) return undefined;
  return conditions.length === 1 ? conditions[0] : { kind: 'all', conditions };
}

/** True when the person reads the table through the subscriptions that landed on it. */
export function readsBySubscription(decision: TableDecision, person: ConditionSubject): boolean {
  return decision.subscription !== undefined && conditionHolds(decision.subscription, person);
}

/** True when the always-required subscriptions let the person use another way in (role, purpose). */
export function passesGuardrail(decision: TableDecision, person: ConditionSubject): boolean {
  return decision.guardrail === undefined || conditionHolds(decision.guardrail, person);
}

/** The rows policies that apply to a reader who comes in through `purpose` (if any) as a member of `groups`. */
export function applicableRowPolicies(decision: TableDecision, purpose: string | undefined, groups: ReadonlySet<string>): RowPolicy[] {
  return decision.rowPolicies.filter(
    (p) => !(purpose !== undefined && p.except.purposes.includes(purpose)) && !p.except.groups.some((g) => groups.has(g)),
  );
}

/** The decision in a few lines, for `explain` and reports. */
export function describeDecision(d: TableDecision): string[] {
  const lines = [`${d.table.product}/${d.table.port}`];
  const names = (ps: readonly { name: string }[]) => ps.map((p) => p.name).join(', ');
  if (d.required.length > 0) lines.push(`  always required: ${names(d.required)}`);
  if (d.shared.length > 0) lines.push(`  shared (any one): ${names(d.shared)}`);
  lines.push(
    d.subscription
      ? `  readable by subscription when: ${describeCondition(d.subscription)}`
      : '  no subscription lands: readable only through product roles and purposes',
  );
  if (d.guardrail) lines.push(`  every other way in also needs: ${describeCondition(d.guardrail)}`);
  for (const p of d.rowPolicies) {
    const except = [...p.except.purposes.map((x) => `purpose ${x}`), ...p.except.groups.map((x) => `group ${x}`)];
    lines.push(`  rows: ${p.rows} (policy ${p.name}${except.length ? `; all rows for ${except.join(', ')}` : ''})`);
  }
  return lines;
}

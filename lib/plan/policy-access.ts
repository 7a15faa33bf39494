import type { Condition } from '../abac/condition';
import type { RowPolicy } from '../abac/global-policy';
import { TableDecision, decideTable } from '../abac/table-decision';
import type { DataProduct } from '../model/data-product';
import { parsedRowPolicy, rowPolicyAttributes, tableFacts } from '../model/global-policies';
import type { Mesh } from '../model/mesh';
import type { OutputPort } from '../model/output-port';
import { parseRowFilter, substituteParameters } from '../model/row-filter';
import { AccessEntry, AccessMechanism } from './access-entry';
import type { GuardedHolder } from './named-holder';
import { holderMembers } from './holder-members';
import { planAccess } from './plan-access';
import { PolicyPrincipal, isNever, membersCondition, policyPrincipal, specialize, usesTableTags } from './policy-principal';

/** Decisions already made, per mesh: meshes are immutable. */
const DECISIONS = new WeakMap<Mesh, Map<string, TableDecision>>();

/** The merged decision of the mesh's global policies on one table (`explain`, the plan, reports). */
export function tableDecision(mesh: Mesh, product: DataProduct, port: OutputPort): TableDecision {
  let decisions = DECISIONS.get(mesh);
  if (decisions === undefined) DECISIONS.set(mesh, (decisions = new Map()));
  const key = `${product.id}/${port.name}`;
  let decision = decisions.get(key);
  if (decision === undefined) decisions.set(key, (decision = decideTable(mesh.policies, tableFacts(product, port))));
  return decision;
}

/**
 * Applies the mesh's global policies to one environment's plan:
 * - every way in to a table that always-required subscriptions guard (a product role's, a
 *   consumer's, a purpose's) is held instead by a principal for (its members AND the guardrail);
 * - every read of a table that row policies land on is split into segments, one per combination
 *   of the declared values of the attributes the applicable policies use, each held by a
 *   principal for (its members AND exactly those values) and filtered with the values
 *   substituted, ANDed with the grant's or binding's own filter; purposes a policy excepts read
 *   unsegmented, and members of a group it excepts get a principal on which it does not apply;
 * - each table on which subscriptions land gets entries for a principal per distinct merged
 *   condition (segmented in the same way), reading the columns up to the classification's
 *   default level (a column of any higher level stays hidden unless a purpose is the path).
 * Write and admin access is guarded but never row-filtered: Lake Formation filters reads only,
 * and a product's Engineers and Owners write whole tables.
 * A mesh without global policies keeps its plan as it is.
 */
export function withGlobalPolicies(mesh: Mesh, environment: string, entries: readonly AccessEntry[]): readonly AccessEntry[] {
  if (mesh.policies.length === 0) return entries;
  const out = entries.flatMap((e) => governed(mesh, e));
  for (const product of mesh.productsIn(environment)) {
    for (const port of product.outputPorts) out.push(...subscriptionEntries(mesh, environment, product, port));
  }
  return out;
}

/** One way in to a table, as the table's policies let it through. */
function governed(mesh: Mesh, entry: AccessEntry): AccessEntry[] {
  const product = mesh.product(entry.product);
  const decision = tableDecision(
    mesh,
    product,
    product.outputPorts.find((p) => p.name === entry.port)!,
  );
  const via = entry.via;
  // An override is the owner's exception to what policies open, approved and time-bound: policies do not narrow it.
  if (via.kind === 'override') return [entry];
  const rowPolicies =
    entry.level === 'read' ? decision.rowPolicies.filter((p) => !(via.kind === 'purpose' && p.except.purposes.includes(via.purpose))) : [];
  if (decision.guardrail === undefined && rowPolicies.length === 0) return [entry];
  // The plan's own entries, which global policies narrow here, are held by a product role or a purpose (an override returned above).
  const holder = entry.holder as GuardedHolder;
  const members = holderMembers(mesh, holder);
  const base = membersCondition(members);
  // Nobody is a member: nobody can meet the guardrail or a segment through this way in.
  if (base === undefined) return [];
  const condition = allOf([base, ...(decision.guardrail ? [decision.guardrail] : [])]);
  return variants(mesh, decision, condition, rowPolicies).map((v) => ({
    ...entry,
    holder: {
      kind: 'policy',
      principal: principalOf(decision, [...decision.required.map((p) => p.name), ...v.policies], condition, v, holder),
    },
    rows: allRows([entry.rows, ...v.rows]),
    mechanism: policyMechanism(entry.level, [entry.rows, ...v.rows]),
  }));
}

/** Entries of the principals that read a table by subscription. */
function subscriptionEntries(mesh: Mesh, environment: string, product: DataProduct, port: OutputPort): AccessEntry[] {
  const decision = tableDecision(mesh, product, port);
  if (decision.subscription === undefined) return [];
  const subscriptions = [...decision.required, ...decision.shared];
  const names = subscriptions.map((s) => s.name).sort();
  const source = { path: (decision.shared[0] ?? decision.required[0]).specPath };
  return variants(mesh, decision, decision.subscription, decision.rowPolicies).flatMap((v) => {
    const planned = planAccess(mesh.classification, {
      environment,
      via: { kind: 'policy', policies: names },
      product: product.id,
      port,
      level: 'read',
      allowance: { kind: 'clearance', level: mesh.classification.defaultLevel },
      rows: allRows(v.rows),
      holder: { kind: 'policy', principal: principalOf(decision, [...names, ...v.policies], decision.subscription!, v) },
    });
    return planned === undefined ? [] : [{ ...planned, source }];
  });
}

/** The principal of one variant of a way in whose condition, before segments, is `wayIn`. */
function principalOf(
  decision: TableDecision,
  policies: readonly string[],
  wayIn: Condition,
  variant: Variant,
  guards?: GuardedHolder,
): PolicyPrincipal {
  const { condition, segment } = variant;
  return policyPrincipal(
    {
      policies: [...new Set(policies)].sort(),
      condition,
      tableTags: usesTableTags(condition) ? decision.table.tags : [],
      ...(segment ? { segment } : {}),
      ...(guards ? { guards } : {}),
    },
    { tableTags: usesTableTags(wayIn) ? decision.table.tags : [], excepted: variant.excepted },
  );
}

/** One principal's share of a way in: its condition, its segment and the filters that apply to it. */
interface Variant {
  readonly condition: Condition;
  readonly segment?: Readonly<Record<string, string>>;
  /** Row policies' filters with the segment's values substituted. */
  readonly rows: readonly string[];
  /** Names of the row policies that shaped it. */
  readonly policies: readonly string[];
  /** Those whose excepted groups its readers are in (they do not apply to it), sorted. */
  readonly excepted: readonly string[];
}

/**
 * The principals a way in (whoever meets `condition`) splits into under `rowPolicies`: for each
 * set of policies whose excepted groups the reader is in, the others apply, one segment per
 * combination of the values of the attributes they use. A reader in more excepted groups can
 * act as more principals; what they read is the union, the rows of the policies that still apply.
 */
function variants(mesh: Mesh, decision: TableDecision, condition: Condition, rowPolicies: readonly RowPolicy[]): Variant[] {
  if (rowPolicies.length === 0) return [{ condition, rows: [], policies: [], excepted: [] }];
  const names = rowPolicies.map((p) => p.name);
  const excepting = rowPolicies.filter((p) => p.except.groups.length > 0);
  const out: Variant[] = [];
  for (let mask = 0; mask < 1 << excepting.length; mask++) {
    const excepted = excepting.filter((_, i) => mask & (1 << i));
    const inGroups = excepted.map((p): Condition => ({ kind: 'group', anyOf: p.except.groups }));
    const applied = rowPolicies.filter((p) => !excepted.includes(p)).map((p) => parsedRowPolicy(p, mesh.attributes));
    const attributes = [...new Map(applied.flatMap((f) => rowPolicyAttributes(f, mesh.attributes)).map((a) => [a.name, a])).values()].sort(
      (a, b) => (a.name < b.name ? -1 : 1),
    );
    for (const segment of combinations(attributes.map((a) => [a.name, a.values ?? []] as const))) {
      const specialized = specialize(allOf([condition, ...inGroups]), segment, mesh.attributes, decision.table.tags);
      // Nobody who meets the condition is in this segment.
      if (isNever(specialized)) continue;
      out.push({
        condition: specialized,
        segment: attributes.length > 0 ? segment : undefined,
        rows: applied.map((f) => substituteParameters(f, segment).text),
        policies: names,
        excepted: excepted.map((p) => p.name).sort(),
      });
    }
  }
  return out;
}

/** Every choice of one value per attribute. */
function combinations(choices: readonly (readonly [string, readonly string[]])[]): Record<string, string>[] {
  return choices.reduce<Record<string, string>[]>(
    (acc, [name, values]) => acc.flatMap((partial) => values.map((v) => ({ ...partial, [name]: v }))),
    [{}],
  );
}

function allOf(conditions: readonly Condition[]): Condition {
  return conditions.length === 1 ? conditions[0] : { kind: 'all', conditions: [...conditions] };
}

/** Filters ANDed, as Lake Formation receives them; undefined for all rows. */
function allRows(filters: readonly (string | undefined)[]): string | undefined {
  const present = filters.filter((f): f is string => f !== undefined);
  if (present.length <= 1) return present[0];
  const joined = present.map((f) => `(${f})`).join(' AND ');
  // Past Lake Formation's length it stays as joined: aws/policy-expansion-limits refuses it at validation.
  const parsed = parseRowFilter(joined);
  return parsed.ok ? parsed.filter.text : joined;
}

function policyMechanism(level: AccessEntry['level'], filters: readonly (string | undefined)[]): AccessMechanism {
  if (level !== 'read') return 'named-table';
  return filters.some((f) => f !== undefined) ? 'data-cells-filter' : 'named-columns';
}

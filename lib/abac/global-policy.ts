import { ProblemCollector, SpecPath } from '../model/problems';
import { suggest } from '../model/suggest';
import { Attribute, checkFactValue, printable } from './attributes';
import { Condition, ConditionSpec, checkCondition } from './condition';

/**
 * What a global policy lands on. Kinds listed together must all match (AND); the names within
 * one kind are any-of (OR), the way Lake Formation reads tag expressions. `everything` lands on
 * every table of the mesh.
 */
export type PolicyTargetSpec =
  | 'everything'
  | {
      /** Data tags, hierarchical: `Cars` lands on tables tagged `Cars.Nissan.Xterra`. */
      readonly tags?: readonly string[];
      /** Classification classes held by a column of the table (`pii`). */
      readonly classes?: readonly string[];
      /** Sensitivity levels held by a column of the table (`restricted`). */
      readonly levels?: readonly string[];
      readonly domains?: readonly string[];
      /** Product ids. */
      readonly products?: readonly string[];
      /** `<product id>/<port>`. */
      readonly ports?: readonly string[];
    };

/** How a subscription combines with the other ways to the same data. */
export type MergeMode = 'shared' | 'always-required';

/** A global policy as written in policies.yaml: a subscription (`allow`) or a row policy (`rows`). */
export interface GlobalPolicySpec {
  /** Lower-case name with hyphens, unique in the mesh. */
  readonly name: string;
  readonly description?: string;
  readonly on: PolicyTargetSpec;
  /** Subscription: who may read the data the policy lands on. */
  readonly allow?: ConditionSpec;
  /**
   * `shared` (default): ORed with the other shared subscriptions on the same data.
   * `always-required`: ANDed with every way to the data (subscriptions, purposes, product roles).
   */
  readonly merge?: MergeMode;
  /** Row policy: a filter where `@<attribute>` stands for the reader's value, ANDed with any other row filter. */
  readonly rows?: string;
  /** Row policy: who sees every row (purposes as the way in, or directory groups). */
  readonly except?: { readonly purposes?: readonly string[]; readonly groups?: readonly string[] };
}

/** What a validated policy lands on; an absent kind places no constraint. */
export interface PolicyTarget {
  readonly everything: boolean;
  readonly tags?: readonly string[];
  readonly classes?: readonly string[];
  readonly levels?: readonly string[];
  readonly domains?: readonly string[];
  readonly products?: readonly string[];
  readonly ports?: readonly string[];
}

/** What every global policy has: its name, what it lands on, where it is declared. */
export interface PolicyBase {
  readonly name: string;
  readonly description?: string;
  readonly on: PolicyTarget;
  /** Where the policy is in the spec (`['policies', i]`), to locate findings and explain decisions. */
  readonly specPath: SpecPath;
}

/** Admits people to the data it lands on. */
export interface Subscription extends PolicyBase {
  readonly kind: 'subscription';
  readonly allow: Condition;
  readonly merge: MergeMode;
}

/** Narrows the rows of the data it lands on, per reader. */
export interface RowPolicy extends PolicyBase {
  readonly kind: 'row-policy';
  /** The filter as written; `@<attribute>` placeholders are substituted per segment. */
  readonly rows: string;
  readonly except: { readonly purposes: readonly string[]; readonly groups: readonly string[] };
}

export type GlobalPolicy = Subscription | RowPolicy;

/** Policy names: lower case, digits and hyphens, as purposes. */
export const POLICY_NAME = /^[a-z][a-z0-9-]{0,62}$/;

/** What the policy check needs to know of the rest of the mesh to resolve names. */
export interface PolicyContext {
  readonly attributes: ReadonlyMap<string, Attribute>;
  readonly classes: readonly string[];
  readonly levels: readonly string[];
  readonly domains: readonly string[];
  readonly purposes: readonly string[];
  /** Product ids, to resolve `on: { products }`; unchecked when absent. */
  readonly products?: readonly string[];
  /** `<product id>/<port>` of every port, to resolve `on: { ports }`; unchecked when absent. */
  readonly ports?: readonly string[];
}

/** Checks the mesh's global policies; returns those that hold together, in declaration order. */
export function checkGlobalPolicies(
  specs: readonly GlobalPolicySpec[],
  context: PolicyContext,
  problems: ProblemCollector,
  path: SpecPath = ['policies'],
): GlobalPolicy[] {
  const seen = new Set<string>();
  const out: GlobalPolicy[] = [];
  specs.forEach((spec, i) => {
    const at = [...path, i];
    const before = problems.problems.length;
    if (!POLICY_NAME.test(spec.name))
      problems.add(
        [...at, 'name'],
        `policy name \`${printable(spec.name)}\` is not valid`,
        'lower-case letters, digits and hyphens, starting with a letter',
      );
    else if (seen.has(spec.name)) problems.add([...at, 'name'], `policy \`${spec.name}\` is declared twice`);
    seen.add(spec.name);
    const on = checkTarget(spec.on, context, problems, [...at, 'on']);
    const isSubscription = spec.allow !== undefined;
    const isRowPolicy = spec.rows !== undefined;
    if (isSubscription === isRowPolicy) {
      problems.add(at, `policy \`${printable(spec.name)}\` must have exactly one of \`allow\` (a subscription) or \`rows\` (a row policy)`);
      return;
    }
    const base = { name: spec.name, description: spec.description, on, specPath: at };
    if (isSubscription) {
      if (spec.except)
        problems.add([...at, 'except'], '`except` belongs to row policies', 'a subscription says who is admitted in `allow`');
      const allow = checkCondition(spec.allow!, context.attributes, problems, [...at, 'allow']);
      if (allow && problems.problems.length === before) out.push({ ...base, kind: 'subscription', allow, merge: spec.merge ?? 'shared' });
      return;
    }
    if (spec.merge) problems.add([...at, 'merge'], '`merge` belongs to subscriptions', 'row policies always apply together (AND)');
    const purposes = [...new Set(spec.except?.purposes ?? [])].sort();
    purposes.forEach((p) => {
      if (!context.purposes.includes(p))
        problems.add([...at, 'except', 'purposes'], `unknown purpose \`${printable(p)}\``, suggest(p, context.purposes));
    });
    if (problems.problems.length === before) {
      out.push({
        ...base,
        kind: 'row-policy',
        rows: spec.rows!,
        except: { purposes, groups: [...new Set(spec.except?.groups ?? [])].sort() },
      });
    }
  });
  return out;
}

const SINGULAR = { tags: 'tag', classes: 'class', levels: 'level', domains: 'domain', products: 'product', ports: 'port' } as const;

function checkTarget(spec: PolicyTargetSpec, context: PolicyContext, problems: ProblemCollector, path: SpecPath): PolicyTarget {
  if (spec === 'everything') return { everything: true };
  const kinds = ['tags', 'classes', 'levels', 'domains', 'products', 'ports'] as const;
  if (!kinds.some((k) => spec[k] !== undefined)) {
    problems.add(
      path,
      'a policy must say what it lands on',
      `list ${kinds.map((k) => `\`${k}\``).join(', ')}, or write \`on: everything\``,
    );
  }
  const known: Partial<Record<(typeof kinds)[number], readonly string[]>> = {
    classes: context.classes,
    levels: context.levels,
    domains: context.domains,
    products: context.products,
    ports: context.ports,
  };
  (spec.tags ?? []).forEach((tag, i) => {
    const bad = checkFactValue(tag, true);
    if (bad) problems.add([...path, 'tags', i], `tag: ${bad}`);
  });
  for (const kind of kinds) {
    const names = known[kind];
    (spec[kind] ?? []).forEach((name, i) => {
      if (names && !names.includes(name))
        problems.add([...path, kind, i], `unknown ${SINGULAR[kind]} \`${printable(name)}\``, suggest(name, names));
    });
  }
  const sorted = (xs: readonly string[] | undefined) => (xs === undefined ? undefined : [...new Set(xs)].sort());
  return {
    everything: false,
    tags: sorted(spec.tags),
    classes: sorted(spec.classes),
    levels: sorted(spec.levels),
    domains: sorted(spec.domains),
    products: sorted(spec.products),
    ports: sorted(spec.ports),
  };
}

import type { Mesh } from '../model/mesh';
import { SpecPath, formatPath } from '../model/problems';
import { suggest } from '../model/suggest';
import { META_RULES } from './meta-rules';
import { BUILT_IN_PACKS } from './packs';
import type { Finding, PolicyRule, RuleInfo, Severity, Violation } from './rule';
import { createRuleContext } from './rule-context';
import { effectiveSeverity, withProfileHint } from './severity-profile';
import { MetaViolation, SuppressedFinding, SuppressionOutcome, applySuppressions } from './suppressions';

/** Options of {@link checkPolicies}. */
export interface CheckPoliciesOptions {
  /**
   * Organisation rules, run with the selected packs; ids are `<pack>/<rule-name>` and must not
   * clash with built-in ones. `policy.packs` and `policy.severities` apply to them too.
   * @default - none
   */
  readonly rules?: readonly PolicyRule[];
  /**
   * Day against which suppression expiry dates are judged, `YYYY-MM-DD`.
   * @default - today, in UTC
   */
  readonly today?: string;
}

/** Counts of a report. */
export interface PolicyCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly suppressed: number;
}

/** Everything `checkPolicies` found, in a deterministic order. */
export interface PolicyReport {
  /** Mesh name. */
  readonly mesh: string;
  /** Open findings: mesh-level ones first, then by product, spec path and rule. */
  readonly findings: readonly Finding[];
  /** Findings accepted by a suppression, in the same order. */
  readonly suppressed: readonly SuppressedFinding[];
  /** Every declared suppression and what became of it. */
  readonly suppressions: readonly SuppressionOutcome[];
  /** Rules that ran, with their effective severity, sorted by id (governance findings included). */
  readonly rules: readonly RuleInfo[];
  readonly counts: PolicyCounts;
  /** True when an error-level finding is open: validation fails and synthesis must not write output. */
  readonly hasErrors: boolean;
}

const RULE_ID = /^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/;
const SEVERITIES = ['error', 'warning', 'off'];

/** Every rule known to a check: built-in packs, organisation rules and governance findings, sorted by id. */
export function knownRules(options: CheckPoliciesOptions = {}): RuleInfo[] {
  const all = new Map<string, RuleInfo>();
  for (const r of [...Object.values(BUILT_IN_PACKS).flat(), ...Object.values(META_RULES), ...(options.rules ?? [])]) {
    if (!all.has(r.id)) all.set(r.id, r);
  }
  return [...all.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Checks the configuration and picks the rules to run; configuration problems are returned, never thrown. */
function selectRules(mesh: Mesh, extra: readonly PolicyRule[]): { rules: PolicyRule[]; problems: MetaViolation[] } {
  const problems: MetaViolation[] = [];
  const config = (violation: Violation) => problems.push({ rule: META_RULES.config, violation });
  const builtIn = new Set(
    Object.values(BUILT_IN_PACKS)
      .flat()
      .map((r) => r.id),
  );
  const organisation: PolicyRule[] = [];
  for (const r of extra) {
    if (!RULE_ID.test(r.id) || r.id.startsWith('policy/') || builtIn.has(r.id) || organisation.some((o) => o.id === r.id)) {
      config({
        path: ['policy'],
        message: `organisation rule \`${r.id}\` is not used: its id is not a unique \`<pack>/<rule-name>\` in lower case, or clashes with a built-in rule`,
        fix: 'give it an id of your own pack, e.g. `acme/steward-named`',
      });
    } else organisation.push(r);
  }
  const packs = new Map<string, readonly PolicyRule[]>(Object.entries(BUILT_IN_PACKS));
  for (const r of organisation) packs.set(r.id.split('/')[0], [...(packs.get(r.id.split('/')[0]) ?? []), r]);

  const selected = mesh.policy.packs ?? [...packs.keys()];
  selected.forEach((name, i) => {
    if (!packs.has(name))
      config({ path: ['policy', 'packs', i], message: `unknown rule pack \`${name}\``, fix: suggest(name, packs.keys()) });
  });
  const known = [...[...packs.values()].flat().map((r) => r.id), ...Object.values(META_RULES).map((r) => r.id)];
  const severities = mesh.policy.severities ?? {};
  for (const id of Object.keys(severities).sort()) {
    if (!known.includes(id))
      config({ path: ['policy', 'severities', id], message: `severity set for unknown rule \`${id}\``, fix: suggest(id, known) });
    if (!SEVERITIES.includes(severities[id]))
      config({
        path: ['policy', 'severities', id],
        message: `severity \`${severities[id]}\` of ${id} is not one of ${SEVERITIES.join(', ')}`,
        fix: 'write error, warning or off',
      });
  }
  const c = mesh.classification;
  (mesh.policy.sensitive?.classes ?? []).forEach((k, i) => {
    if (!c.classNames.includes(k))
      config({
        path: ['policy', 'sensitive', 'classes', i],
        message: `policy.sensitive names unknown class \`${k}\``,
        fix: suggest(k, c.classNames),
      });
  });
  const level = mesh.policy.sensitive?.level;
  if (level !== undefined && !c.levels.includes(level))
    config({
      path: ['policy', 'sensitive', 'level'],
      message: `policy.sensitive names unknown level \`${level}\``,
      fix: suggest(level, c.levels),
    });

  const rules = selected
    .flatMap((name) => packs.get(name) ?? [])
    .filter((r) => severities[r.id] !== 'off' && (r.optIn !== true || severities[r.id] !== undefined));
  return { rules: [...new Map(rules.map((r) => [r.id, r])).values()], problems };
}

function comparePaths(a: SpecPath, b: SpecPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (a[i] as number) - (b[i] as number);
    return String(a[i]) < String(b[i]) ? -1 : 1;
  }
  return a.length - b.length;
}

/** Mesh-level findings first, then by product id, spec path, rule and message. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.product !== b.product) {
    if (a.product === undefined) return -1;
    if (b.product === undefined) return 1;
    return a.product < b.product ? -1 : 1;
  }
  return (
    comparePaths(a.path, b.path) ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/**
 * Runs the mesh's governance rules and returns every finding, suppressions applied.
 * Nothing throws: a failing rule becomes a `policy/rule-failed` finding.
 *
 * @example
 * const report = checkPolicies(mesh, { rules: [dataSteward] });
 * if (report.hasErrors) { console.error(renderText(report)); process.exitCode = 1; }
 */
export function checkPolicies(mesh: Mesh, options: CheckPoliciesOptions = {}): PolicyReport {
  const severities = mesh.policy.severities ?? {};
  const severityOf = (r: RuleInfo): Severity => effectiveSeverity(mesh.policy, r);
  const productAt = new Map(mesh.products.map((p) => [p.specPath[1], p.id]));
  const locate = (path: SpecPath) => {
    for (let n = path.length; n >= 0; n--) {
      const at = mesh.locate(path.slice(0, n));
      if (at !== undefined) return at;
    }
    return undefined;
  };
  const toFinding = (rule: RuleInfo, v: Violation): Finding =>
    withProfileHint({
      rule: rule.id,
      severity: severityOf(rule),
      path: [...v.path],
      product: v.path[0] === 'products' ? productAt.get(v.path[1]) : undefined,
      message: v.message,
      fix: v.fix,
      location: locate(v.path),
    });

  const { rules, problems } = selectRules(mesh, options.rules ?? []);
  const context = createRuleContext(mesh);
  const found: Finding[] = [];
  for (const rule of rules) {
    try {
      for (const v of rule.check(context)) found.push(toFinding(rule, v));
    } catch (e) {
      problems.push({
        rule: META_RULES.ruleFailed,
        violation: {
          path: [],
          message: `rule ${rule.id} failed: ${e instanceof Error ? e.message : String(e)}`,
          fix: `report it to the rule's authors; until it is fixed, \`policy.severities: { ${rule.id}: off }\` skips it`,
        },
      });
    }
  }
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const result = applySuppressions(
    mesh,
    unique(found),
    today,
    knownRules(options).map((r) => r.id),
  );
  const meta = [...problems, ...result.problems].filter((p) => severities[p.rule.id] !== 'off').map((p) => toFinding(p.rule, p.violation));
  const findings = unique([...result.open, ...meta]).sort(compareFindings);
  const suppressed = result.suppressed.sort(compareFindings);
  const ran = [...rules, ...Object.values(META_RULES)].map((r): RuleInfo => ({
    id: r.id,
    severity: severityOf(r),
    description: r.description,
    rationale: r.rationale,
  }));
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    mesh: mesh.name,
    findings,
    suppressed,
    suppressions: result.outcomes.sort((a, b) => comparePaths(a.path, b.path)),
    rules: ran.sort((a, b) => a.id.localeCompare(b.id)),
    counts: { errors, warnings: findings.length - errors, suppressed: suppressed.length },
    hasErrors: errors > 0,
  };
}

/** The same finding reported twice (e.g. once per environment) is one finding. */
function unique<T extends Finding>(findings: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const f of findings) {
    const key = `${f.rule}\u0000${formatPath(f.path)}\u0000${f.message}`;
    if (!seen.has(key)) seen.set(key, f);
  }
  return [...seen.values()];
}

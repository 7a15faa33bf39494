import type { DataProduct } from '../model/data-product';
import type { Mesh } from '../model/mesh';
import { SpecPath, formatPath } from '../model/problems';
import { suggest } from '../model/suggest';
import type { SuppressionSpec } from '../model/suppression';
import { META_RULES } from './meta-rules';
import type { Finding, RuleInfo, Violation } from './rule';

/** A reason shorter than this cannot say why a risk is acceptable. */
export const SUPPRESSION_REASON_MIN = 20;

/** What became of a declared suppression. */
export type SuppressionStatus = 'applied' | 'unmatched' | 'expired' | 'invalid';

/** A declared suppression and what it did; every one is reported, as an audit trail. */
export interface SuppressionOutcome {
  readonly rule: string;
  readonly reason: string;
  readonly expires?: string;
  readonly target?: string;
  /** Product that declares it; undefined for `policy.suppressions`. */
  readonly product?: string;
  /** Where it is declared in the spec. */
  readonly path: SpecPath;
  readonly status: SuppressionStatus;
  /** Number of findings it suppressed. */
  readonly matched: number;
}

/** A finding accepted by a suppression. */
export interface SuppressedFinding extends Finding {
  /** Reason of the suppression that accepted it. */
  readonly reason: string;
  /** Where that suppression is declared. */
  readonly suppressedBy: SpecPath;
}

/** A finding about governance itself, before it is located. */
export interface MetaViolation {
  readonly rule: RuleInfo;
  readonly violation: Violation;
}

/** Result of matching suppressions to findings. */
export interface SuppressionResult {
  readonly open: Finding[];
  readonly suppressed: SuppressedFinding[];
  readonly outcomes: SuppressionOutcome[];
  readonly problems: MetaViolation[];
}

interface Declared {
  readonly spec: SuppressionSpec;
  readonly path: SpecPath;
  /** Findings must lie under this path: the product, or the whole mesh. */
  readonly scope: SpecPath;
  readonly product?: DataProduct;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function within(path: SpecPath, scope: SpecPath): boolean {
  return scope.every((p, i) => path[i] === p);
}

function matches(d: Declared, f: Finding): boolean {
  if (f.rule !== d.spec.rule || !within(f.path, d.scope)) return false;
  const target = d.spec.target;
  if (target === undefined) return true;
  const rel = formatPath(f.path.slice(d.scope.length));
  return rel === target || rel.startsWith(`${target}.`) || rel.startsWith(`${target}[`);
}

function describe(d: Declared): string {
  const on = d.product ? `product ${d.product.id}` : 'the mesh';
  return `suppression of ${d.spec.rule} on ${on}${d.spec.target ? ` (target ${d.spec.target})` : ''}`;
}

/** Why a suppression cannot apply, or undefined when it is well formed. */
function invalidity(d: Declared): Violation | undefined {
  const reason = (d.spec.reason ?? '').trim();
  if (reason.length < SUPPRESSION_REASON_MIN) {
    return {
      path: [...d.path, 'reason'],
      message: `${describe(d)} has ${reason ? `a reason of ${reason.length} characters` : 'no reason'}; a reason needs at least ${SUPPRESSION_REASON_MIN} characters`,
      fix: 'say why the finding is acceptable and who accepted it, e.g. `reason: Owner and approver are one person until the team grows (ticket GOV-12)`',
    };
  }
  if (d.spec.expires !== undefined && !isDate(d.spec.expires)) {
    return {
      path: [...d.path, 'expires'],
      message: `${describe(d)}: expiry \`${d.spec.expires}\` is not a date`,
      fix: 'write the last day the suppression holds as YYYY-MM-DD, e.g. `expires: 2026-12-31`',
    };
  }
  return undefined;
}

function declaredAs(d: Declared): Omit<SuppressionOutcome, 'status' | 'matched'> {
  return { rule: d.spec.rule, reason: d.spec.reason, expires: d.spec.expires, target: d.spec.target, product: d.product?.id, path: d.path };
}

function declaredSuppressions(mesh: Mesh): Declared[] {
  const out: Declared[] = (mesh.policy.suppressions ?? []).map((spec, i) => ({ spec, path: ['policy', 'suppressions', i], scope: [] }));
  for (const product of mesh.products) {
    product.suppressions.forEach((spec, i) =>
      out.push({ spec, path: [...product.specPath, 'suppressions', i], scope: product.specPath, product }),
    );
  }
  return out;
}

/**
 * Matches the mesh's suppressions to rule findings. A suppression applies when it names the
 * finding's rule, lies in its scope (its product, or the whole mesh), matches its target, has a
 * real reason and has not expired (`today` is past `expires`).
 * @param knownRules ids of every rule that exists, for "did you mean" hints on unmatched suppressions
 */
export function applySuppressions(
  mesh: Mesh,
  findings: readonly Finding[],
  today: string,
  knownRules: readonly string[],
): SuppressionResult {
  const problems: MetaViolation[] = [];
  const outcomes: SuppressionOutcome[] = [];
  const active: { d: Declared; matched: number }[] = [];
  for (const d of declaredSuppressions(mesh)) {
    const outcome = declaredAs(d);
    const invalid = invalidity(d);
    if (invalid !== undefined) {
      problems.push({ rule: META_RULES.suppressionInvalid, violation: invalid });
      outcomes.push({ ...outcome, status: 'invalid', matched: 0 });
    } else if (d.spec.expires !== undefined && d.spec.expires < today) {
      const count = findings.filter((f) => matches(d, f)).length;
      problems.push({
        rule: META_RULES.suppressionExpired,
        violation: {
          path: [...d.path, 'expires'],
          message: `${describe(d)} expired on ${d.spec.expires}; its ${count} finding${count === 1 ? ' is' : 's are'} reported again`,
          fix: 'fix the finding, or renew the suppression with a later `expires` and a reason that is still true',
        },
      });
      outcomes.push({ ...outcome, status: 'expired', matched: 0 });
    } else {
      active.push({ d, matched: 0 });
    }
  }

  const open: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const by = active.filter((a) => matches(a.d, f));
    for (const a of by) a.matched++;
    if (by.length === 0) open.push(f);
    else suppressed.push({ ...f, reason: by[0].d.spec.reason, suppressedBy: by[0].d.path });
  }

  for (const { d, matched } of active) {
    const outcome = declaredAs(d);
    outcomes.push({ ...outcome, status: matched > 0 ? 'applied' : 'unmatched', matched });
    if (matched > 0) continue;
    const known = knownRules.includes(d.spec.rule);
    problems.push({
      rule: META_RULES.suppressionUnmatched,
      violation: {
        path: d.path,
        message: `${describe(d)} matches no finding${known ? '' : `; there is no rule \`${d.spec.rule}\``}`,
        fix: known
          ? 'remove it if the finding was fixed, or correct its `target` (a path inside the product such as `grants[2]`)'
          : `correct the rule id (${suggest(d.spec.rule, knownRules)})`,
      },
    });
  }
  return { open, suppressed, outcomes, problems };
}

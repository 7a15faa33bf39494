import { EffectiveAccess } from '../readback/effective-access';
import { ReadbackProblem } from '../readback/readback-problems';
import { AccessSubject, diffAccess, subjectOf } from './access-diff';
import { describeGains, describeState } from './describe-change';

/** One grant of the target environment that the source environment does not hold. */
export interface PromotionViolation extends AccessSubject {
  /** What the target holds beyond the source, one phrase each. */
  readonly excess: readonly string[];
}

/** The outcome of a promotion guard. */
export interface PromotionCheck {
  readonly from: string;
  readonly to: string;
  /** Sorted by principal and table. */
  readonly violations: readonly PromotionViolation[];
  /**
   * What readback does not understand in `to`: it may hold access `from` does not, so the check
   * fails (fail closed). Absent when readback understood everything.
   */
  readonly notUnderstood?: readonly ReadbackProblem[];
  readonly ok: boolean;
}

/**
 * The promotion guard: `to` (prod) may not hold access that `from` (the environment promoting
 * to it) does not hold. Principals and tables are matched by environment-independent names
 * (role tags, names without the environment prefix). Access `from` holds and `to` lacks is fine:
 * products not yet promoted.
 * @param problems readback's problems with the output (`readAccessReport(...).problems`): any in
 *   `to` that may widen fails the check
 */
export function checkPromotion(
  access: readonly EffectiveAccess[],
  from: string,
  to: string,
  problems: readonly ReadbackProblem[] = [],
): PromotionCheck {
  const diff = diffAccess(
    access.filter((a) => a.environment === from),
    access.filter((a) => a.environment === to),
    { acrossEnvironments: true },
  );
  const violations = diff.changes
    .filter((c) => c.widens)
    .map((c) => ({
      ...subjectOf(c),
      excess: c.change === 'added' ? [`not held in ${from}: ${describeState(c.after!)}`] : describeGains(c),
    }));
  const notUnderstood = problems.filter((p) => p.mayWiden && p.environment === to);
  return {
    from,
    to,
    violations,
    ...(notUnderstood.length > 0 ? { notUnderstood } : {}),
    ok: violations.length === 0 && notUnderstood.length === 0,
  };
}

/**
 * Hierarchical values: `Sports.Football.Quarterback` is a path whose ancestors are `Sports` and
 * `Sports.Football`. Data tags and the values of hierarchical attributes are such paths; a flat
 * value is a path of one segment, so the same functions serve both.
 */

/** The separator of hierarchical paths. */
export const PATH_SEPARATOR = '.';

/** `A.B.C` -> `[A, A.B, A.B.C]`: the value and every ancestor, outermost first. */
export function ancestorsOrSelf(path: string): string[] {
  const segments = path.split(PATH_SEPARATOR);
  return segments.map((_, i) => segments.slice(0, i + 1).join(PATH_SEPARATOR));
}

/**
 * True when `path` is `ancestor` or lies below it: a policy on `Cars` lands on data tagged
 * `Cars.Nissan.Xterra`, never on `CarsAndTrucks` (segments compare whole, not as prefixes).
 */
export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(ancestor + PATH_SEPARATOR);
}

/** Why a path is malformed (empty segment, leading or trailing dot), or undefined when it is well formed. */
export function pathProblem(path: string): string | undefined {
  if (path.split(PATH_SEPARATOR).some((s) => s.length === 0))
    return `\`${path}\` has an empty segment (write segments joined by single dots)`;
  return undefined;
}

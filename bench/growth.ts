/** Growth exponents of the bench: how each command's time grows with the mesh (issue 16: k <= 1.15). */
/**
 * The exponent k of time ~ N^k fitted by least squares on log-log over the sizes measured
 * (undefined with fewer than two sizes).
 */
export function growthExponent(points: readonly { n: number; seconds: number }[]): number | undefined {
  if (points.length < 2) return undefined;
  const xs = points.map((p) => Math.log(p.n));
  const ys = points.map((p) => Math.log(p.seconds));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const sxy = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0);
  const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return Number((sxy / sxx).toFixed(2));
}

/** Issue 16's bound on every command's growth exponent: k <= 1.15. */
export const GROWTH_LIMIT = 1.15;

/** Median wall and CPU seconds of one command at one size. */
export interface SizedTiming {
  readonly n: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
}

/** The growth of one command over the sizes measured. */
export interface Growth {
  readonly command: string;
  readonly sizes: readonly number[];
  /** k of wall time; undefined with fewer than two sizes. */
  readonly wall: number | undefined;
  /** k of CPU time (user + system), which other load on the machine moves less. */
  readonly cpu: number | undefined;
  /** Whether either k exceeds {@link GROWTH_LIMIT}. */
  readonly exceeds: boolean;
}

/** The growth of each command, from its medians per size. */
export function growth(series: Readonly<Record<string, readonly SizedTiming[]>>): Growth[] {
  return Object.entries(series).map(([command, points]) => {
    const wall = growthExponent(points.map((p) => ({ n: p.n, seconds: p.seconds })));
    const cpu = growthExponent(points.map((p) => ({ n: p.n, seconds: p.cpuSeconds })));
    return { command, sizes: points.map((p) => p.n), wall, cpu, exceeds: [wall, cpu].some((k) => k !== undefined && k > GROWTH_LIMIT) };
  });
}

/** The growth exponents as a table for a terminal, saying which exceed the limit. */
export function formatGrowth(rows: readonly Growth[]): string {
  const k = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(2));
  const header = ['command', 'N', 'k wall', 'k CPU', `k <= ${GROWTH_LIMIT}`];
  const cells = rows.map((r) => [
    r.command,
    r.sizes.join(', '),
    k(r.wall),
    k(r.cpu),
    r.wall === undefined ? '-' : r.exceeds ? 'EXCEEDS' : 'yes',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => (i < 2 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
  return [line(header), ...cells.map(line)].join('\n');
}

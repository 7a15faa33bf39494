/**
 * The report commands at mesh scale (issue 16): readback, `access --format json`, `diff` after a
 * purpose changes what it may see, and `impact` of a group joining a purpose against a SCIM
 * directory, each a fresh `meshgrant` process (bench/cli-once.ts), medians of the runs; and the
 * growth exponent k of each (time ~ N^k) over the sizes measured.
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, rmSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import type { MeshSpec } from '../lib/model';
import { meshSpecToSources } from '../lib/spec/write-files';
import { addGroupToPurpose, changePurposeView } from './changes';
import type { CliRun } from './cli-once';
import { generateScimExport } from './directory-generator';

const CLI_ONCE = join(__dirname, 'cli-once.js');
const SYNTH_ONCE = join(__dirname, 'synth-once.js');

/** The report figures of one mesh size; seconds are medians of wall time, CPU seconds likewise. */
export interface ReportRow {
  readonly n: number;
  readonly people: number;
  readonly readback: Timing;
  readonly accessJson: Timing;
  readonly diff: Timing;
  readonly impact: Timing;
}

/** Median wall and CPU seconds of a command, and every run. */
export interface Timing {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly runs: readonly { readonly seconds: number; readonly cpuSeconds: number }[];
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const round = (x: number) => Number(x.toFixed(3));

export function timing(runs: readonly { seconds: number; cpuSeconds: number }[]): Timing {
  const kept = runs.map((r) => ({ seconds: round(r.seconds), cpuSeconds: round(r.cpuSeconds) }));
  return { seconds: median(kept.map((r) => r.seconds)), cpuSeconds: median(kept.map((r) => r.cpuSeconds)), runs: kept };
}

/** One meshgrant command in a fresh process; stdout discarded. @param exitCodes the codes that count as success */
export function cli(args: readonly string[], exitCodes: readonly number[] = [0]): CliRun {
  // spawnSync, not execFileSync: with stdout ignored, execFileSync returns null, not what stderr holds.
  const stderr = spawnSync(process.execPath, [CLI_ONCE, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] }).stderr ?? '';
  const run = JSON.parse(stderr.trim().split('\n').pop()!) as CliRun;
  if (!exitCodes.includes(run.exitCode)) throw new Error(`meshgrant ${args.join(' ')} exited ${run.exitCode}: ${stderr.slice(0, 2000)}`);
  return run;
}

function synth(spec: MeshSpec, dir: string, out: string): void {
  const file = join(dir, `${out}.spec.json`);
  writeFileSync(file, JSON.stringify(spec));
  rmSync(join(dir, out), { recursive: true, force: true });
  execFileSync(process.execPath, [SYNTH_ONCE, '--mode', 'ours', '--spec', file, '--out', join(dir, out)], { stdio: 'ignore' });
}

/**
 * Writes, under `dir`, what the report commands read: the mesh as YAML files (`mesh/`, for
 * `impact --mesh`), a SCIM export of `people` people (`scim.json`), and three synthesized
 * outputs: the mesh (`old/`, reused from `synthesized` when given), a purpose seeing one more class
 * (`view/`), a group joining a purpose (`group/`).
 * @param withView false to leave out `view/` (only `diff` reads it)
 * @returns the SCIM export and the output before the changes
 */
export function prepareReportInputs(
  spec: MeshSpec,
  dir: string,
  people: number,
  synthesized?: string,
  withView = true,
): { scim: string; old: string } {
  mkdirSync(dir, { recursive: true });
  for (const f of meshSpecToSources(spec)) {
    mkdirSync(dirname(join(dir, 'mesh', f.path)), { recursive: true });
    writeFileSync(join(dir, 'mesh', f.path), f.text);
  }
  const scim = join(dir, 'scim.json');
  writeFileSync(scim, JSON.stringify(generateScimExport(spec, people)));
  const old = synthesized ?? join(dir, 'old');
  if (synthesized === undefined) synth(spec, dir, 'old');
  if (withView) synth(changePurposeView(spec), dir, 'view');
  synth(addGroupToPurpose(spec), dir, 'group');
  return { scim, old };
}

/** `meshgrant impact` of a group joining a purpose (prepared by {@link prepareReportInputs}), as the bench runs it. */
export function impactArgs(dir: string, scim: string, old: string): string[] {
  return ['impact', '--directory', scim, '--old', old, '--new', join(dir, 'group'), '--mesh', join(dir, 'mesh'), '--format', 'text'];
}

/** Measures the report commands on one generated mesh, prepared by {@link prepareReportInputs}. */
export function benchReports(spec: MeshSpec, n: number, dir: string, runs: number, people: number, synthesized?: string): ReportRow {
  const { scim, old } = prepareReportInputs(spec, dir, people, synthesized);

  const measured: Record<'readback' | 'accessJson' | 'diff' | 'impact', { seconds: number; cpuSeconds: number }[]> = {
    readback: [],
    accessJson: [],
    diff: [],
    impact: [],
  };
  // Interleaved, so that other load falls on all alike.
  for (let i = 0; i < runs; i++) {
    const r = JSON.parse(
      execFileSync(process.execPath, [SYNTH_ONCE, '--mode', 'readback', '--from', old], { encoding: 'utf8' }).trim().split('\n').pop()!,
    ) as { written: number; cpuSeconds: number };
    measured.readback.push({ seconds: r.written, cpuSeconds: r.cpuSeconds });
    measured.accessJson.push(cli(['access', '--out', old, '--format', 'json']));
    // Exit 3: the purpose sees more, which is what diff is there to say.
    measured.diff.push(cli(['diff', old, join(dir, 'view')], [3]));
    measured.impact.push(cli(impactArgs(dir, scim, old)));
  }
  return {
    n,
    people,
    readback: timing(measured.readback),
    accessJson: timing(measured.accessJson),
    diff: timing(measured.diff),
    impact: timing(measured.impact),
  };
}

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

/** The report rows for a terminal: wall (CPU) seconds per command, then the growth exponents. */
export function formatReports(rows: readonly ReportRow[], synth: readonly { n: number; seconds: number; cpuSeconds: number }[]): string {
  const cell = (t: Timing) => `${t.seconds.toFixed(2)} (${t.cpuSeconds.toFixed(2)})`;
  const header = ['N', 'people', 'readback s (cpu)', 'access json s (cpu)', 'diff s (cpu)', 'impact s (cpu)'];
  const cells = rows.map((r) => [String(r.n), String(r.people), cell(r.readback), cell(r.accessJson), cell(r.diff), cell(r.impact)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => x.padStart(widths[i])).join('  ');
  const k = (points: readonly { n: number; seconds: number }[]) => growthExponent(points)?.toFixed(2) ?? '-';
  const of = (pick: (r: ReportRow) => Timing, cpu: boolean) =>
    rows.map((r) => ({ n: r.n, seconds: cpu ? pick(r).cpuSeconds : pick(r).seconds }));
  const exponents = (cpu: boolean) =>
    `synth ${k(synth.map((r) => ({ n: r.n, seconds: cpu ? r.cpuSeconds : r.seconds })))}, readback ${k(of((r) => r.readback, cpu))}, access ${k(of((r) => r.accessJson, cpu))}, diff ${k(
      of((r) => r.diff, cpu),
    )}, impact ${k(of((r) => r.impact, cpu))}`;
  return [
    line(header),
    ...cells.map(line),
    `Growth exponents k (time ~ N^k) over N = ${rows.map((r) => r.n).join(', ')}: wall ${exponents(false)}; CPU ${exponents(true)}`,
  ].join('\n');
}

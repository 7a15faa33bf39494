/**
 * The report commands at mesh scale (issue 16): readback, `access --format json`, `diff` after a
 * purpose changes what it may see, and `impact` of a group joining a purpose against a SCIM
 * directory, each a fresh `meshgrant` process (bench/cli-once.ts), medians of the runs.
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, rmSync, writeFileSync } from 'fs';
import { loadavg } from 'os';
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
  /** One-minute load average of the machine when the runs ended. */
  readonly loadAverage: number;
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
    loadAverage: Number(loadavg()[0].toFixed(1)),
  };
}

/** The report rows for a terminal: median wall (CPU) seconds per command and size. */
export function formatReports(rows: readonly ReportRow[]): string {
  const cell = (t: Timing) => `${t.seconds.toFixed(2)} (${t.cpuSeconds.toFixed(2)})`;
  const header = ['N', 'people', 'readback s (cpu)', 'access json s (cpu)', 'diff s (cpu)', 'impact s (cpu)', 'load'];
  const cells = rows.map((r) => [
    String(r.n),
    String(r.people),
    cell(r.readback),
    cell(r.accessJson),
    cell(r.diff),
    cell(r.impact),
    r.loadAverage.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => x.padStart(widths[i])).join('  ');
  return [line(header), ...cells.map(line)].join('\n');
}

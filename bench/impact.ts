/**
 * `meshgrant impact` alone at mesh and directory scale (issue 16): a group joins a purpose, judged
 * against a generated SCIM directory, each run a fresh process (bench/cli-once.ts), medians of
 * the runs, peak RSS, and the growth exponent k (time ~ N^k) over the sizes measured.
 *
 *   node dist/bench/impact.js --sizes 200,1000,2000 --people 100000 --runs 3 [--reuse] [--results bench/results.json]
 *
 * Inputs go to bench/out/impact-n<N>-p<people>/ (`--reuse` keeps those already there: synthesis
 * of the two outputs takes longer than impact itself). The figures are written under `impact` in
 * the results file, the rest of the file kept.
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parseArgs } from 'util';
import { generateMeshSpec } from './generator';
import { growthExponent } from './growth';
import { Timing, cli, impactArgs, prepareReportInputs, timing } from './reports';

const OUT = join(__dirname, '..', '..', 'bench', 'out');
const RESULTS = join(__dirname, '..', '..', 'bench', 'results.json');

/** Impact at one size. */
export interface ImpactRow {
  readonly n: number;
  readonly people: number;
  readonly impact: Timing;
  /** Median peak resident memory of the process, MB. */
  readonly peakMemoryMb: number;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '200,1000,2000' },
      people: { type: 'string', default: '100000' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      reuse: { type: 'boolean', default: false },
      results: { type: 'string', default: RESULTS },
    },
  });
  const people = Number(values.people);
  const rows: ImpactRow[] = values.sizes.split(',').map((s) => {
    const n = Number(s);
    const dir = join(OUT, `impact-n${n}-p${people}`);
    const scim = join(dir, 'scim.json');
    const old = join(dir, 'old');
    if (!(values.reuse && existsSync(join(dir, 'group')) && existsSync(scim)))
      prepareReportInputs(generateMeshSpec({ products: n, environments: 2, seed: Number(values.seed) }), dir, people, undefined, false);
    const runs = Array.from({ length: Number(values.runs) }, () => cli(impactArgs(dir, scim, old)));
    const memory = runs.map((r) => r.peakMemoryMb).sort((a, b) => a - b);
    const row = { n, people, impact: timing(runs), peakMemoryMb: Math.round(memory[Math.floor(memory.length / 2)]) };
    process.stderr.write(`impact N=${n}: ${JSON.stringify(row)}\n`);
    return row;
  });
  const k = {
    wall: growthExponent(rows.map((r) => ({ n: r.n, seconds: r.impact.seconds }))),
    cpu: growthExponent(rows.map((r) => ({ n: r.n, seconds: r.impact.cpuSeconds }))),
  };
  const results = existsSync(values.results) ? (JSON.parse(readFileSync(values.results, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(values.results, `${JSON.stringify({ ...results, impact: { rows, k } }, null, 2)}\n`);
  for (const r of rows)
    console.log(
      `N=${r.n} people=${r.people}: impact ${r.impact.seconds.toFixed(2)} s (CPU ${r.impact.cpuSeconds.toFixed(2)} s), peak ${r.peakMemoryMb} MB`,
    );
  console.log(`Growth exponent k (time ~ N^k) over N = ${rows.map((r) => r.n).join(', ')}: wall ${k.wall ?? '-'}, CPU ${k.cpu ?? '-'}`);
}

if (require.main === module) main();

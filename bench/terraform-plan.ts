/**
 * Terraform's own cost on what we synthesize: `terraform plan -refresh=false` of one
 * environment's stack of a generated mesh, with the real binary and the offline provider mirror
 * (as test/terraform does), timed by `/usr/bin/time -v` (wall, CPU of terraform and the provider
 * processes, peak memory of the largest process):
 *
 *   npm run bench:terraform -- [--sizes 200,1000] [--environment dev] [--layout one|per-domain] [--results bench/terraform-results.json]
 *
 * One run per size (a plan of 1,000 products takes tens of minutes here). With `--layout
 * per-domain` the environment is split per domain and two stacks are planned, each alone: the
 * foundation, and the largest domain's stack (what a change to one of its products plans). Prints
 * one table and writes the rows as JSON. Needs `terraform`, the mirror and GNU time (`/usr/bin/time`).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { parseArgs } from 'util';
import { buildMesh } from '../lib/model';
import { checkPolicies } from '../lib/policy/check-policies';
import { STACK_LAYOUTS, StackLayout } from '../lib/model';
import { addEnvironmentStack, summarizeStack, synthesisApp } from '../stacks/synthesize';
import { findOfflineTerraform, offlineRoot } from '../test/terraform/terraform-offline';
import { generateMeshSpec } from './generator';

const RESULTS = join(__dirname, '..', '..', 'bench', 'terraform-results.json');
const GNU_TIME = '/usr/bin/time';

/** One measured plan. */
export interface TerraformPlanRow {
  readonly products: number;
  readonly environment: string;
  /** The environment's stack layout. */
  readonly layout: StackLayout;
  /** The stack planned: the environment's, or with `per-domain` its foundation or its largest domain's. */
  readonly stack: string;
  /** Products in the planned stack. */
  readonly productsInStack: number;
  readonly resources: number;
  /** Bytes of the stack's `cdk.tf.json`. */
  readonly bytes: number;
  readonly terraformVersion: string;
  readonly providerVersion: string;
  /** `terraform plan -refresh=false`, from `/usr/bin/time -v`. */
  readonly planWallSeconds: number;
  /** User + system CPU of terraform and the provider processes it started. */
  readonly planCpuSeconds: number;
  /** Peak resident set of the largest process (terraform itself at these sizes), MB. */
  readonly planPeakMemoryMb: number;
  /** Load average when the plan ended: the machine is shared; CPU seconds are the steadier figure. */
  readonly loadAverage: number;
}

/** The fields of `/usr/bin/time -v` output we read. */
function gnuTime(text: string): { wall: number; cpu: number; peakMb: number } {
  const field = (label: string) => {
    const line = text.split('\n').find((l) => l.trim().startsWith(label));
    if (!line) throw new Error(`no "${label}" in /usr/bin/time output:\n${text}`);
    return line.slice(line.lastIndexOf(': ') + 2).trim();
  };
  const wall = field('Elapsed (wall clock) time')
    .split(':')
    .reduce((total, part) => total * 60 + Number(part), 0);
  const cpu = Number(field('User time (seconds)')) + Number(field('System time (seconds)'));
  return { wall, cpu, peakMb: Number(field('Maximum resident set size (kbytes)')) / 1024 };
}

/** Plans the environment's stack, or with `per-domain` its foundation and its largest domain's stack, each alone. */
function planEnvironment(products: number, environment: string, layout: StackLayout, seed: number): TerraformPlanRow[] {
  const tf = findOfflineTerraform();
  if (typeof tf === 'string') throw new Error(`cannot plan: ${tf}`);
  if (!existsSync(GNU_TIME)) throw new Error(`cannot measure: no ${GNU_TIME} (GNU time)`);
  const spec = generateMeshSpec({ products, environments: 2, seed });
  const mesh = buildMesh({ ...spec, environments: spec.environments.map((e) => (e.name === environment ? { ...e, stacks: layout } : e)) });
  const dir = mkdtempSync(join(tmpdir(), 'meshgrant-tfbench-'));
  try {
    const app = synthesisApp(join(dir, 'cdktf.out'));
    const summary = summarizeStack(addEnvironmentStack(app, mesh, environment, checkPolicies(mesh)), join(dir, 'cdktf.out'));
    app.synth();
    const parts = summary.stacks ?? [
      { stack: summary.stack, products: summary.products, resources: summary.resources, file: summary.file },
    ];
    const largestDomain = parts.slice(1).reduce((a, b) => (b.resources > a.resources ? b : a), parts[parts.length - 1]);
    const planned = parts.length === 1 ? parts : [parts[0], largestDomain];
    return planned.map((part, i) => {
      const text = readFileSync(part.file, 'utf8');
      const root = join(dir, `plan-${i}`);
      mkdirSync(root);
      const run = offlineRoot(tf, root, { bench: JSON.parse(text) as Record<string, unknown> });
      const timeFile = join(root, 'time.txt');
      run('plan', ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=tfplan'], [GNU_TIME, '-v', '-o', timeFile]);
      const measured = gnuTime(readFileSync(timeFile, 'utf8'));
      const version = JSON.parse(run('version', ['version', '-json'])) as { terraform_version: string };
      return {
        products,
        environment,
        layout,
        stack: part.stack,
        productsInStack: part.products,
        resources: part.resources,
        bytes: Buffer.byteLength(text),
        terraformVersion: version.terraform_version,
        providerVersion: tf.providerVersion,
        planWallSeconds: Math.round(measured.wall * 100) / 100,
        planCpuSeconds: Math.round(measured.cpu * 100) / 100,
        planPeakMemoryMb: Math.round(measured.peakMb),
        loadAverage: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '200,1000' },
      environment: { type: 'string', default: 'dev' },
      seed: { type: 'string', default: '7' },
      layout: { type: 'string', default: 'one' },
      results: { type: 'string', default: RESULTS },
    },
  });
  const layout = values.layout as StackLayout;
  if (!STACK_LAYOUTS.includes(layout)) throw new Error(`--layout: \`${values.layout}\` is not ${STACK_LAYOUTS.join(' or ')}`);
  const sizes = values.sizes.split(',').map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--sizes: \`${s}\` is not a number of products`);
    return n;
  });
  const rows = sizes.flatMap((n) => {
    const planned = planEnvironment(n, values.environment, layout, Number(values.seed));
    for (const row of planned) process.stderr.write(`N=${n}: ${JSON.stringify(row)}\n`);
    return planned;
  });
  writeFileSync(values.results, `${JSON.stringify(rows, null, 2)}\n`);
  console.log('| N | environment | stack | products in stack | resources | JSON MB | plan wall s | plan CPU s | peak MB | load |');
  console.log('| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const cells = [r.products, r.environment, r.stack, r.productsInStack, r.resources, (r.bytes / 1e6).toFixed(1)];
    console.log(`| ${[...cells, r.planWallSeconds, r.planCpuSeconds, r.planPeakMemoryMb, r.loadAverage].join(' | ')} |`);
  }
  console.log(
    `\nterraform ${rows[0]?.terraformVersion}, hashicorp/aws ${rows[0]?.providerVersion}; written to ${relative(process.cwd(), values.results)}.`,
  );
}

if (require.main === module) main();

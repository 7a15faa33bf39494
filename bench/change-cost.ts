/**
 * The change-cost table (issue 16, point 3): for each typical change (bench/changes.ts), the
 * spec lines a user edits and the Terraform resources a plan would create, change and destroy,
 * for meshgrant and for the hand-written L1 baseline of the same access (bench/baseline).
 *
 * Resources are counted by comparing the synthesized JSON per address, as Terraform plans:
 * a new address is created, a missing one destroyed, one whose body differs changed. cdktf's
 * `//` metadata and `depends_on` are left out of the comparison (they change no resource).
 * Spec lines are the lines added plus removed in the mesh files (YAML, as `meshSpecToSources`
 * writes them); for the baseline, which has no spec, the same count over the changed resources'
 * JSON (pretty-printed), a proxy for the hand-written code a person edits there.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildMesh, Mesh, MeshSpec } from '../lib/model';
import { accessPlan } from '../lib/plan';
import { meshSpecToSources } from '../lib/spec/write-files';
import { App, disableCreationStackTraces } from '../constructs/cdktf';
import { synthesizeMeshParallel } from '../stacks/synthesize-parallel';
import { BaselineStack } from './baseline/baseline-stack';
import { TYPICAL_CHANGES } from './changes';
import { generateMeshSpec } from './generator';

/** What a plan does, and the lines behind it. */
export interface ChangeCost {
  readonly lines: number;
  readonly created: number;
  readonly changed: number;
  readonly destroyed: number;
  /** The same by resource type: `{ aws_iam_role: { created: 1 } }`. */
  readonly byType: Readonly<Record<string, Readonly<Partial<Record<'created' | 'changed' | 'destroyed', number>>>>>;
}

/** One row of the table. */
export interface ChangeCostRow {
  readonly id: string;
  readonly title: string;
  /** Absent when the change cannot be measured yet (`pending` says why). */
  readonly ours?: ChangeCost;
  readonly baseline?: ChangeCost;
  readonly pending?: string;
}

/** Resource bodies by `<stack> <type>.<name>`, without what changes no resource. */
type Resources = Map<string, string>;

function readResources(outdir: string): Resources {
  const out: Resources = new Map();
  const stacks = join(outdir, 'stacks');
  for (const stack of readdirSync(stacks).sort()) {
    const json = JSON.parse(readFileSync(join(stacks, stack, 'cdk.tf.json'), 'utf8')) as {
      resource?: Record<string, Record<string, Record<string, unknown>>>;
    };
    for (const [type, byName] of Object.entries(json.resource ?? {}))
      for (const [name, body] of Object.entries(byName)) {
        const kept = Object.fromEntries(Object.entries(body).filter(([k]) => k !== '//' && k !== 'depends_on'));
        out.set(`${stack} ${type}.${name}`, JSON.stringify(kept, null, 1));
      }
  }
  return out;
}

async function synthOurs(mesh: Mesh, dir: string): Promise<Resources> {
  await synthesizeMeshParallel(mesh, { outdir: dir, jobs: 1 });
  return readResources(dir);
}

function synthBaseline(mesh: Mesh, dir: string): Resources {
  disableCreationStackTraces();
  const app = new App({ outdir: dir, stackTraces: false });
  const access = accessPlan(mesh);
  for (const env of mesh.environments) new BaselineStack(app, `${mesh.name}-${env.name}`, { mesh, environment: env.name, access });
  app.synth();
  return readResources(dir);
}

/** Lines added plus lines removed from `a` to `b` (longest common subsequence). */
export function changedLines(a: string, b: string): number {
  if (a === b) return 0;
  // An absent file or resource has no lines (not one empty line).
  const x = a === '' ? [] : a.split('\n');
  const y = b === '' ? [] : b.split('\n');
  // Common head and tail first: edits are local, the table stays small.
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  const xs = x.slice(head, x.length - tail);
  const ys = y.slice(head, y.length - tail);
  let row = new Array<number>(ys.length + 1).fill(0);
  for (const line of xs) {
    const next = new Array<number>(ys.length + 1).fill(0);
    for (let j = 0; j < ys.length; j++) next[j + 1] = line === ys[j] ? row[j] + 1 : Math.max(row[j + 1], next[j]);
    row = next;
  }
  return xs.length + ys.length - 2 * row[ys.length];
}

function specLines(before: MeshSpec, after: MeshSpec): number {
  const files = (s: MeshSpec) => new Map(meshSpecToSources(s).map((f) => [f.path, f.text]));
  const [a, b] = [files(before), files(after)];
  let lines = 0;
  for (const path of new Set([...a.keys(), ...b.keys()])) lines += changedLines(a.get(path) ?? '', b.get(path) ?? '');
  return lines;
}

function planOf(before: Resources, after: Resources): Omit<ChangeCost, 'lines'> & { bodyLines: number } {
  const counts = { created: 0, changed: 0, destroyed: 0 };
  const byType: Record<string, Partial<Record<keyof typeof counts, number>>> = {};
  let bodyLines = 0;
  const count = (address: string, what: keyof typeof counts) => {
    counts[what]++;
    const type = address.slice(address.indexOf(' ') + 1, address.indexOf('.'));
    byType[type] = { ...byType[type], [what]: (byType[type]?.[what] ?? 0) + 1 };
  };
  for (const [address, body] of after) {
    const was = before.get(address);
    if (was === body) continue;
    count(address, was === undefined ? 'created' : 'changed');
    bodyLines += changedLines(was ?? '', body);
  }
  for (const [address, body] of before)
    if (!after.has(address)) {
      count(address, 'destroyed');
      bodyLines += changedLines(body, '');
    }
  return { ...counts, byType, bodyLines };
}

/**
 * The mesh the table edits: the bench mesh of `products` products in dev and prod, with global
 * policies (bench/generator.ts), so that every typical change, a policy's included, has
 * something to change.
 */
export function changeCostMesh(products: number, seed: number): MeshSpec {
  return generateMeshSpec({ products, environments: 2, seed, policies: true });
}

/**
 * The table for a generated mesh: every change synthesized (ours in one thread, and the
 * baseline) in a scratch folder and compared with the unchanged mesh.
 */
export async function changeCostTable(spec: MeshSpec): Promise<ChangeCostRow[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'meshgrant-change-cost-'));
  try {
    const mesh = buildMesh(spec);
    const ours = await synthOurs(mesh, join(scratch, 'ours'));
    const baseline = synthBaseline(mesh, join(scratch, 'baseline'));
    const rows: ChangeCostRow[] = [];
    for (const change of TYPICAL_CHANGES) {
      const after = change.apply(spec);
      if ('pending' in after) {
        rows.push({ id: change.id, title: change.title, pending: after.pending });
        continue;
      }
      const changedMesh = buildMesh(after);
      const o = planOf(ours, await synthOurs(changedMesh, join(scratch, `ours-${change.id}`)));
      const b = planOf(baseline, synthBaseline(changedMesh, join(scratch, `baseline-${change.id}`)));
      rows.push({
        id: change.id,
        title: change.title,
        ours: { lines: specLines(spec, after), created: o.created, changed: o.changed, destroyed: o.destroyed, byType: o.byType },
        baseline: { lines: b.bodyLines, created: b.created, changed: b.changed, destroyed: b.destroyed, byType: b.byType },
      });
    }
    return rows;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The table for a terminal (and docs/performance.md). */
export function formatChangeCost(rows: readonly ChangeCostRow[]): string {
  const cost = (c?: ChangeCost) => (c === undefined ? ['-', '-', '-', '-'] : [c.lines, c.created, c.changed, c.destroyed].map(String));
  const header = ['change', 'lines', '+', '~', '-', 'base lines', 'base +', 'base ~', 'base -'];
  const cells = rows.map((r) => [r.title, ...cost(r.ours), ...cost(r.baseline)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
  const pending = rows.filter((r) => r.pending !== undefined).map((r) => `${r.title}: pending, ${r.pending}`);
  return [line(header), ...cells.map(line), ...pending].join('\n');
}

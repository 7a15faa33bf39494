import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TYPICAL_CHANGES } from '../../bench/changes';
import { generateMeshSpec } from '../../bench/generator';
import { Prng } from '../../bench/prng';
import { buildMesh } from '../../lib';
import { readAccessReport } from '../../lib/readback';
import { readChangedSynthesized } from '../../cli/commands/synthesized-access';
import { AccessDiff, diffAccess } from '../../lib/reports/access-diff';
import { synthesizeMesh } from '../../stacks/synthesize';

/**
 * `diff` reads back only what a change can touch (readChangedAccess); the oracle is the diff of
 * the two outputs read whole. They must agree on every change: the typical changes of the
 * benchmark, synthesized, and random edits of the synthesized JSON (resources removed, added,
 * retargeted; tags, tag definitions, columns, row filters, trust and IAM policies changed).
 */
describe.each([
  ['', false],
  [' with global policies', true],
] as const)('the change-only diff%s', (_, policies) => {
  let dir: string;
  // With policies, the mesh holds policy principals: guarded ways in and row policy segments.
  const spec = generateMeshSpec({ products: 20, environments: 2, seed: 5, policies });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'meshgrant-changed-'));
    synthesizeMesh(buildMesh(spec), { outdir: join(dir, 'old') });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Both diffs of `old` -> `now`, with the problems each read found. */
  function bothDiffs(now: string) {
    const [before, after] = [readAccessReport(join(dir, 'old')), readAccessReport(now)];
    // As `diff` reads them: change only, or whole when a side holds principals known by ARN only.
    const [old, changed] = readChangedSynthesized(join(dir, 'old'), now);
    const diff = (b: Sides, a: Sides): AccessDiff => diffAccess(b.access, a.access, { afterProblems: a.problems });
    return {
      full: { diff: diff(before, after), problems: [before.problems, after.problems] },
      changeOnly: { diff: diff(old, changed), problems: [old.problems, changed.problems] },
      read: { full: before.access.length + after.access.length, changeOnly: old.access.length + changed.access.length },
    };
  }

  it.each(TYPICAL_CHANGES.map((c) => [c.id, c] as const))(
    'equals the full diff after the typical change %s',
    (id, change) => {
      const after = change.apply(spec);
      if ('pending' in after) return;
      synthesizeMesh(buildMesh(after), { outdir: join(dir, id) });
      const { full, changeOnly, read } = bothDiffs(join(dir, id));
      expect(changeOnly.diff).toEqual(full.diff);
      expect(changeOnly.problems).toEqual(full.problems);
      // It reads less than everything (a change touches a few principals and tables).
      expect(read.changeOnly).toBeLessThan(read.full);
    },
    120_000,
  );

  it('equals the full diff on random edits of the synthesized stacks', () => {
    const stacks = readdirSync(join(dir, 'old', 'stacks'));
    const original = stacks.map((s) => readFileSync(join(dir, 'old', 'stacks', s, 'cdk.tf.json'), 'utf8'));
    let widened = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const prng = new Prng(seed);
      const out = join(dir, `edit-${seed}`);
      stacks.forEach((s, i) => {
        const json = JSON.parse(original[i]) as Stack;
        for (let k = prng.int(1, 4); k > 0; k--) editOnce(json, prng);
        mkdirSync(join(out, 'stacks', s), { recursive: true });
        writeFileSync(join(out, 'stacks', s, 'cdk.tf.json'), JSON.stringify(json));
      });
      const { full, changeOnly } = bothDiffs(out);
      expect([seed, changeOnly.diff]).toEqual([seed, full.diff]);
      expect([seed, changeOnly.problems]).toEqual([seed, full.problems]);
      if (full.diff.changes.length > 0) widened++;
      rmSync(out, { recursive: true, force: true });
    }
    // The edits change access most of the time: the comparison is not between empty diffs.
    expect(widened).toBeGreaterThan(12);
  }, 300_000);
});

type Sides = Pick<ReturnType<typeof readAccessReport>, 'access' | 'problems'>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;
type Stack = { resource: Record<string, Record<string, Body>> };

/** One random edit of a stack's resources, of the kinds readback reads. */
function editOnce(json: Stack, prng: Prng): void {
  const r = json.resource;
  const of = (type: string) => Object.keys(r[type] ?? {}).sort();
  const some = (type: string) => {
    const names = of(type);
    if (names.length === 0) return undefined;
    const name = names[prng.int(0, names.length - 1)];
    return { name, body: r[type][name] };
  };
  const roleArns = Object.values(r.aws_lakeformation_permissions ?? {}).map((p) => p.principal as string);
  const definedValues = Object.values(r.aws_lakeformation_lf_tag ?? {}).flatMap((t) => (t.values as string[]).map((v) => [t.key, v]));
  const edits: (() => void)[] = [
    // Remove a resource of any type readback reads.
    () => {
      const type = prng.pick(Object.keys(r).sort());
      const target = some(type);
      if (target) delete r[type][target.name];
    },
    // A grant moves to another principal, or loses a permission.
    () => {
      const p = some('aws_lakeformation_permissions')?.body;
      if (!p) return;
      if (prng.chance(0.5)) p.principal = prng.pick(roleArns);
      else if (p.permissions.length > 1) p.permissions = p.permissions.slice(1);
    },
    // A copy of a grant, to another principal.
    () => {
      const p = some('aws_lakeformation_permissions');
      if (p) r.aws_lakeformation_permissions[`${p.name}_copy${prng.int(0, 999)}`] = { ...p.body, principal: prng.pick(roleArns) };
    },
    // A tag assignment takes another defined value, or loses a tag.
    () => {
      const a = some('aws_lakeformation_resource_lf_tags')?.body;
      if (!a) return;
      const tags = Array.isArray(a.lf_tag) ? a.lf_tag : [a.lf_tag];
      if (prng.chance(0.5) && tags.length > 1) a.lf_tag = tags.slice(1);
      else {
        const [key, value] = prng.pick(definedValues);
        a.lf_tag = [...tags.filter((t: Body) => t.key !== key), { key, value }];
      }
    },
    // A tag definition loses a value (its assignments then count for nothing).
    () => {
      const t = some('aws_lakeformation_lf_tag')?.body;
      if (t && t.values.length > 1) t.values = t.values.filter((_: string, i: number) => i !== prng.int(0, t.values.length - 1));
    },
    // A table loses a column.
    () => {
      const t = some('aws_glue_catalog_table')?.body;
      const columns = t?.storage_descriptor?.columns;
      if (Array.isArray(columns) && columns.length > 1) t!.storage_descriptor.columns = columns.slice(1);
    },
    // A data cells filter keeps other rows.
    () => {
      const f = some('aws_lakeformation_data_cells_filter')?.body;
      const data = f && (Array.isArray(f.table_data) ? f.table_data[0] : f.table_data);
      if (data) data.row_filter = [{ filter_expression: `country = 'X${prng.int(0, 9)}'` }];
    },
    // A role's trust admits someone else; or its tags make it another kind of principal.
    () => {
      const role = some('aws_iam_role')?.body;
      if (!role) return;
      if (prng.chance(0.5))
        role.assume_role_policy = JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::123456789012:role/someone-${prng.int(0, 9)}` }, Action: 'sts:AssumeRole' },
          ],
        });
      else role.tags = { Purpose: `purpose-${prng.int(0, 3)}` };
    },
    // A role's IAM policy no longer lets it get data access.
    () => {
      const policy = some('aws_iam_role_policy')?.body;
      if (policy)
        policy.policy = JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'glue:GetTable', Resource: '*' }],
        });
    },
    // A database's tags change (its tables inherit them).
    () => {
      const a = Object.values(r.aws_lakeformation_resource_lf_tags ?? {}).filter((x) => x.database !== undefined);
      if (a.length > 0) {
        const [key, value] = prng.pick(definedValues);
        const target = prng.pick(a);
        target.lf_tag = [...(target.lf_tag as Body[]).filter((t) => t.key !== key), { key, value }];
      }
    },
  ];
  prng.pick(edits)();
}

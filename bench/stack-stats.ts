import { readFileSync, readdirSync, statSync } from 'fs';
import { join } from 'path';

/** What a synthesized cdktf output folder holds. */
export interface StackStats {
  /** Terraform resources per stack, by stack name. */
  readonly resourcesByStack: Readonly<Record<string, number>>;
  /** Terraform resources of all stacks, by resource type, types sorted. */
  readonly resourcesByType: Readonly<Record<string, number>>;
  readonly resources: number;
  /**
   * Lake Formation permissions and LF-tag assignments of all stacks by what they target, e.g.
   * `aws_lakeformation_permissions.table_with_columns`; grants on the `default` database apart.
   */
  readonly lakeFormationByTarget: Readonly<Record<string, number>>;
  /** Bytes of `cdk.tf.json` over all stacks. */
  readonly bytes: number;
}

const LAKE_FORMATION_TARGETED = ['aws_lakeformation_permissions', 'aws_lakeformation_resource_lf_tags'];
/** Attributes naming what a permission or tag assignment applies to. */
const TARGETS = ['database', 'table', 'table_with_columns', 'data_cells_filter', 'data_location', 'lf_tag_policy'];

/** Counts the resources and bytes of every `stacks/<stack>/cdk.tf.json` under `outdir`. */
export function stackStats(outdir: string): StackStats {
  const resourcesByStack: Record<string, number> = {};
  const byType = new Map<string, number>();
  const byTarget = new Map<string, number>();
  let bytes = 0;
  for (const stack of readdirSync(join(outdir, 'stacks')).sort()) {
    const file = join(outdir, 'stacks', stack, 'cdk.tf.json');
    bytes += statSync(file).size;
    const json = JSON.parse(readFileSync(file, 'utf8')) as { resource?: Record<string, Record<string, Record<string, unknown>>> };
    resourcesByStack[stack] = 0;
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      const count = Object.keys(byName).length;
      resourcesByStack[stack] += count;
      byType.set(type, (byType.get(type) ?? 0) + count);
      if (!LAKE_FORMATION_TARGETED.includes(type)) continue;
      for (const body of Object.values(byName)) {
        const target = TARGETS.find((t) => t in body) ?? 'other';
        const key = `${type}.${target}${target === 'database' && (body.database as { name?: string }).name === 'default' ? '(default)' : ''}`;
        byTarget.set(key, (byTarget.get(key) ?? 0) + 1);
      }
    }
  }
  const sorted = (m: Map<string, number>) => Object.fromEntries([...m.keys()].sort().map((k) => [k, m.get(k)!]));
  const resources = Object.values(resourcesByStack).reduce((a, b) => a + b, 0);
  return { resourcesByStack, resourcesByType: sorted(byType), resources, lakeFormationByTarget: sorted(byTarget), bytes };
}

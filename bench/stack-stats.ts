import { readFileSync, readdirSync, statSync } from 'fs';
import { join } from 'path';

/** What a synthesized cdktf output folder holds. */
export interface StackStats {
  /** Terraform resources per stack, by stack name. */
  readonly resourcesByStack: Readonly<Record<string, number>>;
  /** Terraform resources of all stacks, by resource type, types sorted. */
  readonly resourcesByType: Readonly<Record<string, number>>;
  readonly resources: number;
  /** Bytes of `cdk.tf.json` over all stacks. */
  readonly bytes: number;
}

/** Counts the resources and bytes of every `stacks/<stack>/cdk.tf.json` under `outdir`. */
export function stackStats(outdir: string): StackStats {
  const resourcesByStack: Record<string, number> = {};
  const byType = new Map<string, number>();
  let bytes = 0;
  for (const stack of readdirSync(join(outdir, 'stacks')).sort()) {
    const file = join(outdir, 'stacks', stack, 'cdk.tf.json');
    bytes += statSync(file).size;
    const json = JSON.parse(readFileSync(file, 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
    resourcesByStack[stack] = 0;
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      const count = Object.keys(byName).length;
      resourcesByStack[stack] += count;
      byType.set(type, (byType.get(type) ?? 0) + count);
    }
  }
  const resourcesByType = Object.fromEntries([...byType.keys()].sort().map((t) => [t, byType.get(t)!]));
  const resources = Object.values(resourcesByStack).reduce((a, b) => a + b, 0);
  return { resourcesByStack, resourcesByType, resources, bytes };
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Mesh, environmentLfTags } from '../../lib';
import { EffectiveAccess, readAccess } from '../../lib/readback';
import { AwsProvider } from '../../constructs/aws';
import { TerraformStack, Testing } from '../../constructs/cdktf';
import { LakeFoundation } from '../../constructs/lake-foundation';

/** A stack of one's own, as code users make it: a provider that names the environment, nothing else. */
export function userStack(mesh: Mesh, environment: string): TerraformStack {
  const env = mesh.environment(environment);
  const stack = new TerraformStack(Testing.app(), `mine-${environment}`);
  new AwsProvider(stack, 'aws', {
    region: env.region,
    allowedAccountIds: [env.account],
    defaultTags: [{ tags: { Environment: env.name } }],
  });
  return stack;
}

/** {@link userStack} with the environment's LakeFoundation, ready for products and purposes. */
export function foundedStack(mesh: Mesh, environment: string): TerraformStack {
  const stack = userStack(mesh, environment);
  const env = mesh.environment(environment);
  new LakeFoundation(stack, 'lake', { environment: env, classification: mesh.classification, tags: environmentLfTags(mesh, env.name) });
  return stack;
}

/** Synthesizes the stack (with cdktf's validations) and reads its access back, as `meshgrant access` would. */
export function readBack(stack: TerraformStack): EffectiveAccess[] {
  const json = Testing.synth(stack, true);
  const outdir = mkdtempSync(join(tmpdir(), 'meshgrant-constructs-'));
  try {
    mkdirSync(join(outdir, 'stacks', stack.node.id), { recursive: true });
    writeFileSync(join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), json);
    return readAccess(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

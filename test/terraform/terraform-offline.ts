import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';

/**
 * Real Terraform, offline: the `terraform` binary on PATH and a filesystem mirror of the
 * hashicorp/aws provider (`registry.terraform.io/hashicorp/aws/<version>/<os_arch>/`). Our CI
 * machines have both; elsewhere the suite says so and skips.
 */
export interface OfflineTerraform {
  readonly binary: string;
  /** The mirror root, for `terraform init -plugin-dir`. */
  readonly pluginDir: string;
  /** The provider version the mirror holds: what the plan is checked with. */
  readonly providerVersion: string;
}

const MIRROR_ROOTS = [
  process.env.MESHGRANT_TF_PLUGIN_DIR,
  '/opt/tf-plugins',
  join(homedir(), '.terraform.d', 'plugins'),
  '/usr/share/terraform/plugins',
];

/** Finds terraform and the provider mirror, or says why not. */
export function findOfflineTerraform(): OfflineTerraform | string {
  const which = spawnSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' });
  const binary = which.stdout.trim();
  if (which.status !== 0 || binary === '') return 'no `terraform` binary on PATH';
  for (const root of MIRROR_ROOTS) {
    if (root === undefined) continue;
    const aws = join(root, 'registry.terraform.io', 'hashicorp', 'aws');
    if (!existsSync(aws)) continue;
    const versions = readdirSync(aws)
      .filter((v) => /^\d+\.\d+\.\d+$/.test(v))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (versions.length > 0) return { binary, pluginDir: root, providerVersion: versions[versions.length - 1] };
  }
  return `no hashicorp/aws provider mirror in ${MIRROR_ROOTS.filter(Boolean).join(', ')} (set MESHGRANT_TF_PLUGIN_DIR)`;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Terraform JSON of any shape

/**
 * A copy of a synthesized stack that plans offline. Each change is what offline planning needs,
 * nothing that changes what the stack grants:
 * - no S3 backend (`init -backend=false` would ignore it; a child module may not declare one);
 * - the provider pinned to the mirror's version instead of the bindings' exact version;
 * - no `allowed_account_ids` (fake credentials name no account) and the provider's skip_*
 *   settings, so that nothing calls AWS.
 */
export function offlineCopy(stack: Json, providerVersion: string): Json {
  const copy = JSON.parse(JSON.stringify(stack)) as Json;
  delete copy.terraform.backend;
  copy.terraform.required_providers.aws = { source: 'hashicorp/aws', version: providerVersion };
  for (const provider of copy.provider.aws as Json[]) {
    delete provider.allowed_account_ids;
    Object.assign(provider, {
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
    });
  }
  return copy;
}

/** What `terraform show -json` says of a plan, with the time each step took. */
export interface PlanResult {
  readonly plan: Json;
  readonly seconds: Record<string, number>;
}

/**
 * Plans several stacks at once, each a child module of one root (one provider start for all:
 * each terraform command costs seconds just to start the provider). Throws with Terraform's own
 * message when a step fails.
 */
export function planStacks(tf: OfflineTerraform, dir: string, stacks: Readonly<Record<string, Json>>): PlanResult {
  const modules: Json = {};
  for (const [name, stack] of Object.entries(stacks)) {
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, 'main.tf.json'), JSON.stringify(offlineCopy(stack, tf.providerVersion), null, 1));
    modules[name] = { source: `./${name}` };
  }
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ module: modules }, null, 1));
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'AKIAOFFLINEPLAN00000',
    AWS_SECRET_ACCESS_KEY: 'offline-plan-no-aws-account-is-used',
    AWS_REGION: 'eu-west-1',
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    TF_CLI_CONFIG_FILE: join(dir, 'empty.tfrc'),
  };
  writeFileSync(join(dir, 'empty.tfrc'), '');
  const seconds: Record<string, number> = {};
  const run = (step: string, args: string[]) => {
    const started = Date.now();
    const r = spawnSync(tf.binary, args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 30 });
    seconds[step] = (Date.now() - started) / 1000;
    if (r.status !== 0) throw new Error(`terraform ${step} failed:\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  };
  run('init', ['init', '-backend=false', '-input=false', `-plugin-dir=${tf.pluginDir}`, '-no-color']);
  run('validate', ['validate', '-no-color']);
  run('plan', ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=tfplan']);
  const plan = JSON.parse(run('show', ['show', '-json', 'tfplan'])) as Json;
  return { plan, seconds };
}

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

/**
 * Finds terraform and the mirror and says so on the suite's first line, the one a CI log shows:
 * which provider the plan is checked with, or why the suite skips.
 */
export function announceOfflineTerraform(suite: string): OfflineTerraform | undefined {
  const found = findOfflineTerraform();
  if (typeof found === 'string') {
    console.log(`${suite} SKIPPED: ${found}`);
    return undefined;
  }
  console.log(`${suite}: ${found.binary}, hashicorp/aws ${found.providerVersion} from ${found.pluginDir}`);
  return found;
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

/** `module.<m>.<type>.<name>` for every resource of the stacks. */
export function declaredAddresses(stacks: Record<string, Record<string, unknown>>): string[] {
  return Object.entries(stacks)
    .flatMap(([m, s]) =>
      Object.entries((s.resource ?? {}) as Record<string, Record<string, unknown>>).flatMap(([type, byName]) =>
        Object.keys(byName).map((n) => `module.${m}.${type}.${n}`),
      ),
    )
    .sort();
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
  const run = offlineRoot(tf, dir, stacks);
  run('validate', ['validate', '-no-color']);
  run('plan', ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=tfplan']);
  const plan = JSON.parse(run('show', ['show', '-json', 'tfplan'])) as Json;
  return { plan, seconds: run.seconds };
}

/** One `planned_change` of `terraform plan -json`: a resource address and what the plan does to it. */
export interface PlannedChange {
  readonly address: string;
  readonly action: string;
}

/** What a lean plan says, with the time each step took. */
export interface PlannedChanges {
  readonly changes: readonly PlannedChange[];
  readonly seconds: Record<string, number>;
}

/**
 * The lean plan for big stacks: `init` and `plan -json`, nothing else. `plan` validates the
 * configuration itself, and its machine-readable output names each planned resource and action,
 * so a separate `validate`, the human rendering of the plan and `show -json` (one more provider
 * start and the whole plan marshalled again) would only add time (docs/terraform-plan.md).
 */
export function planChanges(tf: OfflineTerraform, dir: string, stacks: Readonly<Record<string, Json>>): PlannedChanges {
  const run = offlineRoot(tf, dir, stacks);
  const lines = run('plan', ['plan', '-json', '-refresh=false', '-input=false', '-lock=false', '-out=tfplan'])
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Json);
  return {
    changes: lines
      .filter((l) => l.type === 'planned_change')
      .map((l) => ({ address: l.change.resource.addr as string, action: l.change.action as string })),
    seconds: run.seconds,
  };
}

/**
 * A terraform command in an initialized root, its stdout returned; `wrapper` runs it under
 * another command (e.g. `/usr/bin/time -v -o <file>`). `seconds` collects the wall time of each step.
 */
export type TerraformRun = ((step: string, args: string[], wrapper?: readonly string[]) => string) & {
  readonly seconds: Record<string, number>;
};

/**
 * Writes each stack's offline copy as a child module of one root in `dir`, runs `terraform
 * init` there, and returns the runner for the next commands (fake credentials, no CLI config,
 * no checkpoint calls).
 */
export function offlineRoot(tf: OfflineTerraform, dir: string, stacks: Readonly<Record<string, Json>>): TerraformRun {
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
  const run = (step: string, args: string[], wrapper: readonly string[] = []) => {
    const started = Date.now();
    const [command, ...rest] = [...wrapper, tf.binary, ...args];
    const r = spawnSync(command, rest, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 30 });
    seconds[step] = (Date.now() - started) / 1000;
    if (r.status !== 0) throw new Error(`terraform ${step} failed:\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  };
  run('init', ['init', '-backend=false', '-input=false', `-plugin-dir=${tf.pluginDir}`, '-no-color']);
  return Object.assign(run, { seconds });
}

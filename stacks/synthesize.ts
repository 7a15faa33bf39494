import { join } from 'path';
import { Mesh, PRODUCT_ROLES } from '../lib/model';
import { tablesOpenToIam } from '../lib/aws/access-mode';
import { PolicyExpansion, policyExpansion } from '../lib/plan/policy-expansion';
import { PolicyReport, checkPolicies } from '../lib/policy/check-policies';
import { App, TerraformResource, disableCreationStackTraces } from '../constructs/cdktf';
import { EnvironmentStack } from './environment-stack';

/** What one environment's stack holds, for the summary people read after synthesis. */
export interface EnvironmentSummary {
  readonly environment: string;
  /** Stack name, as `cdktf deploy <stack>` takes it. */
  readonly stack: string;
  readonly account: string;
  readonly region: string;
  readonly products: number;
  /** IAM roles: three per product, one per purpose, one per principal of global policies. */
  readonly roles: number;
  /** Entries of the environment's access plan (principal x table), whatever mechanism enforces them. */
  readonly grants: number;
  readonly purposes: number;
  /** Terraform resources in the synthesized stack. */
  readonly resources: number;
  /** Path of the stack's Terraform JSON. */
  readonly file: string;
  /**
   * Tables still also open to IAM-only access (hybrid access mode), as `<database>.<table>`:
   * effective access there is wider than the grants. Absent when there is none.
   */
  readonly iamOpenTables?: readonly string[];
  /** What each global policy expands to, per table; absent when the mesh has no global policies. */
  readonly policies?: readonly PolicyExpansion[];
}

/** The result of {@link synthesizeMesh}. */
export interface SynthesisSummary {
  readonly outdir: string;
  readonly environments: readonly EnvironmentSummary[];
}

/** Stack name of an environment: `<mesh>-<environment>`. */
export function stackName(mesh: Mesh, environment: string): string {
  return `${mesh.name}-${environment}`;
}

/** Options of {@link synthesizeMesh}. */
export interface SynthesizeOptions {
  readonly outdir: string;
  /**
   * Governance findings to attach to the stacks as cdktf annotations.
   * @default - the mesh's policies are checked here
   */
  readonly policy?: PolicyReport;
  /**
   * Called with each step as it starts (`building acme-dev: 6 products`), for a progress line.
   * @default - no progress reported
   */
  readonly onProgress?: (step: string) => void;
}

/**
 * Synthesizes one Terraform stack per environment into `outdir` (cdktf layout:
 * `stacks/<stack>/cdk.tf.json` plus `manifest.json`) and returns a summary. Policy findings
 * travel with the stacks as annotations, so that plain `cdktf synth` users see them.
 */
export function synthesizeMesh(mesh: Mesh, options: SynthesizeOptions): SynthesisSummary {
  const policy = options.policy ?? checkPolicies(mesh);
  const app = synthesisApp(options.outdir);
  const stacks = mesh.environments.map((env) => {
    options.onProgress?.(`building ${stackName(mesh, env.name)}: ${mesh.productsIn(env.name).length} products`);
    return addEnvironmentStack(app, mesh, env.name, policy);
  });
  options.onProgress?.(`writing Terraform JSON: ${stacks.map((s) => s.node.id).join(', ')}`);
  app.synth();
  return { outdir: options.outdir, environments: stacks.map((s) => summarizeStack(s, options.outdir)) };
}

/**
 * The synthesis steps the serial path ({@link synthesizeMesh}) and the worker path
 * (`synthesizeMeshParallel`) share: an App writing into `outdir`, without creation stack traces
 * (they cost time and nobody reads them) ...
 */
export function synthesisApp(outdir: string): App {
  disableCreationStackTraces();
  return new App({ outdir, stackTraces: false });
}

/** ... and in it the stack of one environment, named `<mesh>-<environment>`, carrying the policy findings. */
export function addEnvironmentStack(app: App, mesh: Mesh, environment: string, policy: PolicyReport): EnvironmentStack {
  return new EnvironmentStack(app, stackName(mesh, environment), { mesh, environment, policy });
}

/** The summary of a stack synthesized into `outdir`, from its construct tree. */
export function summarizeStack(stack: EnvironmentStack, outdir: string): EnvironmentSummary {
  const file = join(outdir, 'stacks', stack.node.id, 'cdk.tf.json');
  const resources = stack.node.findAll().filter((c) => TerraformResource.isTerraformResource(c)).length;
  const iamOpen = tablesOpenToIam(
    stack.environment,
    [...stack.products.values()].map((p) => p.model),
  ).map((t) => `${t.database}.${t.table}`);
  return {
    environment: stack.environment.name,
    stack: stack.node.id,
    account: stack.environment.account,
    region: stack.environment.region,
    products: stack.products.size,
    roles: stack.products.size * PRODUCT_ROLES.length + stack.purposes.size + stack.policyRoles.size,
    grants: stack.plan.length,
    purposes: stack.purposes.size,
    resources,
    file,
    ...(iamOpen.length > 0 ? { iamOpenTables: iamOpen } : {}),
    ...(stack.mesh.policies.length > 0 ? { policies: policyExpansion(stack.plan) } : {}),
  };
}

/** The summary as a small table for a terminal. */
export function formatSummary(summary: SynthesisSummary): string {
  const header = ['stack', 'account', 'region', 'products', 'roles', 'grants', 'purposes', 'resources'];
  const rows = summary.environments.map((e) =>
    [e.stack, e.account, e.region, e.products, e.roles, e.grants, e.purposes, e.resources].map(String),
  );
  const open = summary.environments
    .filter((e) => e.iamOpenTables !== undefined)
    .map(
      (e) =>
        `${e.stack}: ${e.iamOpenTables!.length} table(s) still also open to IAM-only access (hybrid access mode), wider than the grants: ${e.iamOpenTables!.join(', ')}`,
    );
  return [
    ...table(header, rows, 3),
    ...(open.length > 0 ? ['', ...open] : []),
    ...expansionLines(summary),
    '',
    `Terraform JSON written to ${summary.outdir}/stacks/<stack>/cdk.tf.json`,
  ].join('\n');
}

/** Aligned columns: the first `left` cells padded on the right, numbers on the left. */
function table(header: string[], rows: string[][], left: number): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < left ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)];
}

/** Global policies' expansion: principals, data cells filters and grants per policy and table. */
function expansionLines(summary: SynthesisSummary): string[] {
  const rows = summary.environments.flatMap((e) =>
    (e.policies ?? []).map((p) => [e.stack, p.policy, p.table, p.principals, p.filters, p.grants].map(String)),
  );
  if (rows.length === 0) return [];
  return ['', 'Global policies, per table:', ...table(['stack', 'policy', 'table', 'principals', 'filters', 'grants'], rows, 3)];
}

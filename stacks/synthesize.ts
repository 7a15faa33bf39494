import { join } from 'path';
import { Mesh, PRODUCT_ROLES } from '../lib/model';
import { tablesOpenToIam } from '../lib/aws/access-mode';
import { PolicyExpansion, policyExpansion } from '../lib/plan/policy-expansion';
import { PolicyReport, checkPolicies } from '../lib/policy/check-policies';
import { TableLayout, formatTable } from '../lib/reports/format-table';
import { App, TerraformResource, TerraformStack, disableCreationStackTraces } from '../constructs/cdktf';
import { DomainStack, EnvironmentDeployment, EnvironmentStack, FoundationStack } from './environment-stack';

/** What one environment's stack holds, for the summary people read after synthesis. */
export interface EnvironmentSummary {
  readonly environment: string;
  /** Stack name, as `cdktf deploy <stack>` takes it. */
  readonly stack: string;
  readonly account: string;
  readonly region: string;
  readonly products: number;
  /** IAM roles: three per product, one per purpose, one per principal of global policies, one per person with overrides of a product. */
  readonly roles: number;
  /** Entries of the environment's access plan (principal x table), whatever mechanism enforces them. */
  readonly grants: number;
  readonly purposes: number;
  /** Terraform resources in the synthesized stacks. */
  readonly resources: number;
  /** Path of the (first) stack's Terraform JSON. */
  readonly file: string;
  /**
   * When the environment has a stack per domain: each of its stacks, the foundation first, with
   * the products and resources it holds. Absent for one stack.
   */
  readonly stacks?: readonly StackPart[];
  /**
   * Tables still also open to IAM-only access (hybrid access mode), as `<database>.<table>`:
   * effective access there is wider than the grants. Absent when there is none.
   */
  readonly iamOpenTables?: readonly string[];
  /** What each global policy expands to, per table; absent when the mesh has no global policies. */
  readonly policies?: readonly PolicyExpansion[];
}

/** One stack of an environment split per domain, in {@link EnvironmentSummary.stacks}. */
export interface StackPart {
  readonly stack: string;
  /** The domain it deploys; absent for the foundation stack. */
  readonly domain?: string;
  readonly products: number;
  readonly resources: number;
  readonly file: string;
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
 * Synthesizes the stacks of each environment (one, or with `stacks: per-domain` a foundation and
 * one per domain) into `outdir` (cdktf layout:
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
  options.onProgress?.(`writing Terraform JSON: ${stacks.flatMap((d) => d.stacks.map((s) => s.node.id)).join(', ')}`);
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

/**
 * ... and in it the stacks of one environment, carrying the policy findings: one named
 * `<mesh>-<environment>`, or with `stacks: per-domain` that foundation and a stack per domain.
 */
export function addEnvironmentStack(app: App, mesh: Mesh, environment: string, policy: PolicyReport): EnvironmentDeployment {
  const props = { mesh, environment, policy };
  return mesh.environment(environment).stacks === 'per-domain'
    ? new FoundationStack(app, stackName(mesh, environment), props)
    : new EnvironmentStack(app, stackName(mesh, environment), props);
}

/** The summary of an environment's stacks synthesized into `outdir`, from their construct trees. */
export function summarizeStack(deployment: EnvironmentDeployment, outdir: string): EnvironmentSummary {
  const stack = deployment.stacks[0];
  const fileOf = (s: TerraformStack) => join(outdir, 'stacks', s.node.id, 'cdk.tf.json');
  const resourcesOf = (s: TerraformStack) =>
    s.node.findAll().filter((c) => TerraformResource.isTerraformResource(c) && TerraformStack.of(c) === s).length;
  const parts = deployment.stacks.map((s) => ({
    stack: s.node.id,
    ...(s instanceof DomainStack ? { domain: s.domain } : {}),
    products: [...deployment.products.values()].filter((p) => TerraformStack.of(p) === s).length,
    resources: resourcesOf(s),
    file: fileOf(s),
  }));
  const resources = parts.reduce((n, p) => n + p.resources, 0);
  const iamOpen = tablesOpenToIam(
    deployment.environment,
    [...deployment.products.values()].map((p) => p.model),
  ).map((t) => `${t.database}.${t.table}`);
  return {
    environment: deployment.environment.name,
    stack: stack.node.id,
    account: deployment.environment.account,
    region: deployment.environment.region,
    products: deployment.products.size,
    roles:
      deployment.products.size * PRODUCT_ROLES.length +
      deployment.purposes.size +
      deployment.policyRoles.size +
      deployment.overrideRoles.size,
    grants: deployment.plan.length,
    purposes: deployment.purposes.size,
    resources,
    file: fileOf(stack),
    ...(parts.length > 1 ? { stacks: parts } : {}),
    ...(iamOpen.length > 0 ? { iamOpenTables: iamOpen } : {}),
    ...(deployment.mesh.policies.length > 0 ? { policies: policyExpansion(deployment.plan) } : {}),
  };
}

/** The summary as a small table for a terminal, its tables wrapped to `layout.width`. */
export function formatSummary(summary: SynthesisSummary, layout: { readonly width?: number } = {}): string {
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
  const split = summary.environments
    .filter((e) => e.stacks !== undefined)
    .map(
      (e) =>
        `${e.stack}: a stack per domain, the foundation applied first: ${e.stacks!.map((s) => `${s.stack} (${s.domain === undefined ? 'foundation, ' : ''}${s.resources} resources)`).join(', ')}`,
    );
  return [
    table(header, rows, 3, layout),
    ...(split.length > 0 ? ['', ...split] : []),
    ...(open.length > 0 ? ['', ...open] : []),
    ...expansionLines(summary, layout),
    '',
    `Terraform JSON written to ${summary.outdir}/stacks/<stack>/cdk.tf.json`,
  ].join('\n');
}

/** Aligned columns: the first `left` columns text, left-aligned, the others numbers, right-aligned. */
function table(header: string[], rows: string[][], left: number, layout: Pick<TableLayout, 'width'>): string {
  return formatTable('text', header, rows, { ...layout, align: header.map((_, i) => (i < left ? 'left' : 'right')) });
}

/** Global policies' expansion: principals, data cells filters and grants per policy and table. */
function expansionLines(summary: SynthesisSummary, layout: Pick<TableLayout, 'width'>): string[] {
  const rows = summary.environments.flatMap((e) =>
    (e.policies ?? []).map((p) => [e.stack, p.policy, p.table, p.principals, p.filters, p.grants].map(String)),
  );
  if (rows.length === 0) return [];
  return ['', 'Global policies, per table:', table(['stack', 'policy', 'table', 'principals', 'filters', 'grants'], rows, 3, layout)];
}

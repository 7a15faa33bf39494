import { acmeMeshSpec } from '../../examples/acme-mesh';
import { Mesh, MeshSpec, buildMesh } from '../../lib';
import { Testing } from '../../constructs/cdktf';
import { EnvironmentStack } from '../../stacks/environment-stack';
import { addEnvironmentStack } from '../../stacks/synthesize';
import { checkPolicies } from '../../lib/policy/check-policies';

/** A Terraform resource block as synthesized (snake_case keys). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TfResource = Record<string, any>;

/**
 * The example's products, roles, grants and purposes without its global policies (`attributes`
 * and policies.yaml), validated: what tests of roles and purposes read. Tests of global policies
 * build `acmeMeshSpec` whole.
 */
export function exampleMesh(): Mesh {
  return buildMesh(exampleSpec());
}

/** A deep copy of the example spec without its global policies, to break in a test. */
export function exampleSpec(): MeshSpec {
  const { attributes: _attributes, policies: _policies, ...rest } = acmeMeshSpec;
  return JSON.parse(JSON.stringify(rest)) as MeshSpec;
}

/** Synthesizes one environment's stack (running cdktf validations) and returns the JSON text. */
export function synthEnvironment(mesh: Mesh, environment: string): string {
  const stack = new EnvironmentStack(Testing.app(), `${mesh.name}-${environment}`, { mesh, environment });
  return Testing.synth(stack, true);
}

/**
 * Synthesizes one environment's stacks as its `stacks` option says (one, or a foundation and a
 * stack per domain), running cdktf validations; returns each stack's JSON text by stack name,
 * in the order they are applied.
 */
export function synthEnvironmentStacks(mesh: Mesh, environment: string): Record<string, string> {
  const deployment = addEnvironmentStack(Testing.app(), mesh, environment, checkPolicies(mesh));
  return Object.fromEntries(deployment.stacks.map((s) => [s.node.id, Testing.synth(s, true)]));
}

/** Every resource of a type in a synthesized stack. */
export function resourcesOf(json: string, type: string): TfResource[] {
  const parsed = JSON.parse(json) as { resource?: Record<string, Record<string, TfResource>> };
  return Object.values(parsed.resource?.[type] ?? {});
}

/** The LF permissions a role holds in a stack, by the role's name. */
export function permissionsOf(json: string, roleName: string): TfResource[] {
  return resourcesOf(json, 'aws_lakeformation_permissions').filter((p) => p.principal.endsWith(`:role/${roleName}`));
}

/** The key -> values of a tag-policy expression. */
export function expressionOf(permission: TfResource): Record<string, string[]> {
  return Object.fromEntries((permission.lf_tag_policy.expression as { key: string; values: string[] }[]).map((e) => [e.key, e.values]));
}

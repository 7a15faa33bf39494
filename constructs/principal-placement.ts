import { Construct, IConstruct, ITerraformDependable, TerraformStack } from './cdktf';

/**
 * Where a principal's Lake Formation permission on `target` (a database's tags, a table, a
 * filter, a storage registration) is made: under the principal when both are in one stack.
 * Otherwise, when an environment has a stack per domain, in the target's stack, so that a change
 * to one product plans its domain's stack only: under constructs named like the principal's own
 * path, which keeps the Terraform address the permission has in a single stack (and documents,
 * in the construct path, whose permission it is).
 *
 * The target's stack is then applied after the principal's, when that adds no cycle (two domains
 * whose products read each other's tables): the principal must exist when Lake Formation grants
 * to it. Nothing refers across stacks: the permission names the principal by its literal ARN.
 */
export function scopeForTarget(principal: IConstruct, target: ITerraformDependable): Construct {
  if (!Construct.isConstruct(target)) throw new Error(`${principal.node.path}: a grant target must be a construct`);
  const home = TerraformStack.of(principal);
  const there = TerraformStack.of(target);
  if (there === home) return principal as Construct;
  if (!home.dependsOn(there)) there.addDependency(home);
  const path = principal.node.scopes.slice(principal.node.scopes.indexOf(home) + 1);
  let scope: Construct = there;
  for (const { node } of path) scope = (scope.node.tryFindChild(node.id) as Construct | undefined) ?? new Construct(scope, node.id);
  return scope;
}

/** What of `dependencies` can be a `depends_on` of a resource in `scope`'s stack: those in the same stack. */
export function inStackOf(scope: IConstruct, dependencies: readonly ITerraformDependable[]): ITerraformDependable[] {
  const stack = TerraformStack.of(scope);
  return dependencies.filter((d) => !Construct.isConstruct(d) || TerraformStack.of(d) === stack);
}

import { IConstruct, TerraformResource, TerraformStack } from './cdktf';

/**
 * Keeps `resource` at the Terraform address it had when it was made as `formerId` under
 * `formerScope`, although it now lives elsewhere in the construct tree. A new address would make
 * `terraform apply` destroy the deployed resource and create it again: for a Lake Formation
 * permission, a moment without the access (or, if the create fails, none at all).
 *
 * The address is the stack's own allocation for that path (`TerraformStack.getLogicalId`, which
 * reads only the path's scopes), so a stack that allocates ids its own way keeps its scheme.
 * Call it before an expression refers to the resource: cdktf fixes the address then, and refuses
 * to change it.
 */
export function keepAddress<R extends TerraformResource>(resource: R, formerScope: IConstruct, formerId: string): R {
  const formerPath = { scopes: [...formerScope.node.scopes, { node: { id: formerId } }] };
  resource.overrideLogicalId(TerraformStack.of(formerScope).getLogicalId(formerPath as unknown as IConstruct['node']));
  return resource;
}

import { AccessPrincipal } from './effective-access';
import { TerraformStack, block, namedResourcesOf, resourcesOf, text } from './terraform-stack';
import { trustedMembers } from './trust';

/** An IAM role of the stack: how reports show it, and its identity policies for IAM evaluation. */
export interface StackRole {
  readonly principal: AccessPrincipal;
  /** Identity policies (parsed JSON documents) attached inline to the role. */
  readonly policies: readonly { readonly name: string; readonly document: unknown }[];
}

/** Terraform interpolation of another resource's attribute, e.g. `${aws_iam_role.x.id}`. */
const REFERENCE = /^\$\{aws_iam_role\.([^.}]+)\.(id|name)\}$/;

/**
 * The IAM roles a stack declares, by ARN. A role is a product role when tagged `DataProduct` and
 * `ProductRole`, a purpose role when tagged `Purpose` (docs/aws-mapping.md), anything else otherwise.
 * @param problems receives what cannot be interpreted (policies given as references, attachments)
 */
export function readRoles(stack: TerraformStack, account: string, problems: string[]): Map<string, StackRole> {
  const roles = namedResourcesOf(stack, 'aws_iam_role');
  const policies = new Map<string, { name: string; document: unknown }[]>();
  const addPolicy = (roleName: string, name: string, json: unknown) => {
    const list = policies.get(roleName) ?? [];
    const document = parsePolicy(json);
    if (document === undefined) problems.push(`policy ${name} of role ${roleName} is not literal JSON; it is left out of IAM evaluation`);
    else list.push({ name, document });
    policies.set(roleName, list);
  };
  for (const p of resourcesOf(stack, 'aws_iam_role_policy')) {
    const role = text(p.role) ?? '';
    const ref = REFERENCE.exec(role);
    const roleName = ref ? text(roles.find(([n]) => n === ref[1])?.[1].name) ?? role : role;
    addPolicy(roleName, text(p.name) ?? 'inline', p.policy);
  }
  for (const a of resourcesOf(stack, 'aws_iam_role_policy_attachment')) {
    problems.push(`managed policy ${text(a.policy_arn) ?? '?'} attached to ${text(a.role) ?? '?'} is not in the stack; it is left out of IAM evaluation`);
  }

  const out = new Map<string, StackRole>();
  for (const [, r] of roles) {
    const name = text(r.name) ?? '';
    const path = text(r.path) ?? '/';
    const arn = `arn:aws:iam::${account}:role${path}${name}`;
    for (const inline of Array.isArray(r.inline_policy) ? r.inline_policy : []) addPolicy(name, text(block(inline)?.name) ?? 'inline', block(inline)?.policy);
    const tags = block(r.tags) ?? {};
    const product = text(tags.DataProduct);
    const role = text(tags.ProductRole);
    const purpose = text(tags.Purpose);
    const kind = product !== undefined && role !== undefined ? 'product-role' : purpose !== undefined ? 'purpose' : 'other';
    const trust = parsePolicy(r.assume_role_policy);
    if (trust === undefined) problems.push(`trust policy of role ${name} is not literal JSON; nobody is taken as able to assume it`);
    out.set(arn, {
      principal: {
        arn,
        roleName: name,
        kind,
        ...(kind === 'product-role' ? { product, role } : {}),
        ...(kind === 'purpose' ? { purpose } : {}),
        members: trustedMembers(trust, problems),
      },
      policies: policies.get(name) ?? [],
    });
  }
  return out;
}

/** A principal the stack grants to but does not declare: known by its ARN only. */
export function externalPrincipal(arn: string): AccessPrincipal {
  return { arn, roleName: arn.slice(arn.lastIndexOf('/') + 1), kind: 'other', members: { principals: [], attributeRules: [] } };
}

function parsePolicy(json: unknown): unknown {
  if (typeof json !== 'string' || json.includes('${')) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

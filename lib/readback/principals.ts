import { AccessPrincipal } from './effective-access';
import { StackProblems } from './readback-problems';
import { TerraformStack, block, hasTemplate, resourceList, text } from './terraform-stack';
import { approvalsOfTags, fromTagText } from './approval-tags';
import { readGuardsTag } from './guards-tag';
import { trustedMembers } from './trust';
import { ROLE_REFERENCE } from './understood-shapes';

/** An IAM role of the stack: how reports show it, and its identity policies for IAM evaluation. */
export interface StackRole {
  readonly principal: AccessPrincipal;
  /** Identity policies attached inline to the role: parsed JSON documents, with the address of the resource that holds each. */
  readonly policies: readonly { readonly name: string; readonly address: string; readonly document: unknown }[];
}

/**
 * The IAM roles a stack declares, by ARN. A role is a product role when tagged `DataProduct` and
 * `ProductRole`, a purpose role when tagged `Purpose`, a policy principal when tagged `Policy`
 * (space-separated policy names; `Segment` for a row policy's segment; `Guards` for the product role
 * or purpose whose way in it guards or segments) only (docs/aws-mapping.md),
 * anything else otherwise.
 * @param problems receives policies readback cannot evaluate and trust it does not understand
 */
export function readRoles(stack: TerraformStack, account: string, problems: StackProblems): Map<string, StackRole> {
  const roles = resourceList(stack, 'aws_iam_role');
  const roleNames = new Map(roles.map((r) => [r.name, text(r.body.name)]));
  const policies = new Map<string, { name: string; address: string; document: unknown }[]>();
  const addPolicy = (address: string, roleName: string, name: string, json: unknown) => {
    const list = policies.get(roleName) ?? [];
    const document = parsePolicy(json);
    if (document === NOT_JSON)
      problems.notUnderstood(address, `policy ${name} of role ${roleName} is not valid JSON; what it allows is unknown`);
    list.push({ name, address, document });
    policies.set(roleName, list);
  };
  for (const { address, body: p } of resourceList(stack, 'aws_iam_role_policy')) {
    const role = typeof p.role === 'string' ? p.role : '';
    const ref = ROLE_REFERENCE.exec(role);
    const roleName = ref ? roleNames.get(ref[1]) : text(role);
    if (roleName === undefined) problems.notUnderstood(address, `\`role\` ${JSON.stringify(role)} names no role of the stack`);
    else addPolicy(address, roleName, text(p.name) ?? 'inline', p.policy);
  }

  const out = new Map<string, StackRole>();
  for (const { address, body: r } of roles) {
    const name = text(r.name) ?? '';
    const path = text(r.path) ?? '/';
    const arn = `arn:aws:iam::${account}:role${path}${name}`;
    for (const inline of Array.isArray(r.inline_policy) ? r.inline_policy : [])
      addPolicy(address, name, text(block(inline)?.name) ?? 'inline', block(inline)?.policy);
    const tags = block(r.tags) ?? {};
    const product = text(tags.DataProduct);
    const role = text(tags.ProductRole);
    const purpose = text(tags.Purpose);
    const policyNames = text(tags.Policy)
      ?.split(/\s+/)
      .filter((n) => n !== '')
      .sort();
    const segment = text(tags.Segment);
    const overrideProduct = text(tags.Override);
    const overrideUserTag = text(tags.OverrideUser);
    const overrideUser = overrideUserTag === undefined ? undefined : fromTagText(overrideUserTag);
    if (overrideUserTag !== undefined && overrideUser === undefined)
      problems.notUnderstood(address, `tag OverrideUser of role ${name} does not name a user in meshgrant's tag encoding`);
    const override =
      overrideProduct !== undefined && overrideUser !== undefined ? { product: overrideProduct, user: overrideUser } : undefined;
    const guardsTag = text(tags.Guards);
    const guards = guardsTag !== undefined && readGuardsTag(guardsTag) !== undefined ? guardsTag : undefined;
    // Fail closed: whose way in the role stands for is unknown, and so whose access it is.
    if (guardsTag !== undefined && guards === undefined)
      problems.notUnderstood(address, `tag Guards of role ${name} names no product role (<product>/<role>) or purpose (purpose:<name>)`);
    const kind =
      product !== undefined && role !== undefined
        ? 'product-role'
        : purpose !== undefined
          ? 'purpose'
          : override !== undefined
            ? 'override'
            : policyNames !== undefined && policyNames.length > 0
              ? 'policy'
              : 'other';
    const { approvals, untagged } = approvalsOfTags(tags, (what) => problems.notUnderstood(address, what));
    const trust = parsePolicy(r.assume_role_policy);
    if (trust === NOT_JSON) problems.notUnderstood(address, `trust policy of role ${name} is not valid JSON; who may assume it is unknown`);
    out.set(arn, {
      principal: {
        arn,
        roleName: name,
        kind,
        ...(kind === 'product-role' ? { product, role } : {}),
        ...(kind === 'purpose' ? { purpose } : {}),
        ...(kind === 'override' ? { override } : {}),
        ...(policyNames !== undefined && policyNames.length > 0 ? { policies: policyNames } : {}),
        ...(segment !== undefined ? { segment } : {}),
        ...(guards !== undefined ? { guards } : {}),
        members:
          trust === undefined || trust === NOT_JSON
            ? { principals: [], attributeRules: [] }
            : trustedMembers(trust, (what) => problems.notUnderstood(address, what)),
        ...(approvals.length > 0 ? { approvals } : {}),
        ...(untagged !== undefined ? { approvalsUntagged: untagged } : {}),
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

/** A policy text that does not parse as JSON. */
const NOT_JSON = Symbol('not JSON');

/**
 * A policy document as IAM receives it; undefined when it is not literal (a Terraform expression,
 * which `checkStackShape` reports) or absent, NOT_JSON when it does not parse.
 */
function parsePolicy(json: unknown): unknown {
  if (typeof json !== 'string' || hasTemplate(json)) return undefined;
  try {
    return JSON.parse(text(json)!);
  } catch {
    return NOT_JSON;
  }
}

import { AccessLevel, DataProduct, Override, normalizeMembers } from '../lib/model';
import { AccessVia, ColumnAllowance } from '../lib/plan';
import { overrideRoleName, userNamePart } from '../lib/aws/names';
import { tagText, withApprovals } from '../lib/aws/approval-tags';
import { LfTagCondition } from '../lib/aws/lf-tag-ontology';
import { trustPolicy } from '../lib/aws/trust-policy';
import { Construct } from './cdktf';
import { LakeFoundation } from './lake-foundation';
import { LakePrincipal } from './lake-principal';

/** Props of {@link LakeOverrideRole}. */
export interface LakeOverrideRoleProps {
  readonly product: DataProduct;
  /** The person's overrides of the product in force (at least one); the first one's approval is tagged for each. */
  readonly overrides: readonly Override[];
}

/**
 * The role of one person's manual overrides on one product in one environment. Its trust admits
 * that person's mapped principal only, so the override is enforceable for them and nobody else;
 * its grants are by name (columns or a data cells filter), never by tags, so that nothing else
 * lands on it. Tagged `Override` (the product), `OverrideUser` (the person, tag-encoded) and with
 * each override's approval and expiry.
 */
export class LakeOverrideRole extends LakePrincipal {
  readonly product: string;
  readonly user: string;
  readonly filterSuffix: string;
  readonly via: AccessVia;
  readonly allowance: ColumnAllowance;

  constructor(scope: Construct, id: string, props: LakeOverrideRoleProps) {
    const { product, overrides } = props;
    const user = overrides[0].user;
    const env = LakeFoundation.of(scope).environment;
    super(scope, id, {
      roleName: overrideRoleName(env, product, user),
      description: `Manual override of data product ${product.id} for one person (${env.name}); approved by the owner, time-bound`,
      trustPolicy: trustPolicy(normalizeMembers({ users: [user] }), env),
      tags: withApprovals(
        { Override: product.id, OverrideUser: tagText(user), Environment: env.name },
        overrides.map((o) => ({ kind: 'user' as const, member: user, approval: o.approval })),
        env,
      ),
    });
    this.product = product.id;
    this.user = user;
    this.filterSuffix = `override-${userNamePart(user)}`;
    this.via = { kind: 'override', product: product.id, user };
    this.allowance = { kind: 'clearance', level: product.roles.owner.clearance };
  }

  accessTag(): LfTagCondition {
    throw new Error(`the override of ${this.product} for ${this.user} is granted by name, never by tags`);
  }

  protected tagPolicyExpression(level: AccessLevel): LfTagCondition[] {
    throw new Error(`the override of ${this.product} for ${this.user} has no tag policy (${level})`);
  }
}

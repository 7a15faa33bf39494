import { AccessLevel, DataProduct, ProductRole } from '../lib/model';
import { AccessVia, ColumnAllowance } from '../lib/plan';
import { productRoleName } from '../lib/aws/names';
import { Construct } from './cdktf';
import { LakeFoundation } from './lake-foundation';
import { LakePrincipal } from './lake-principal';
import { LF_TAG, LfTagCondition } from '../lib/aws/lf-tag-ontology';
import { trustPolicy } from '../lib/aws/trust-policy';
import { withApprovals } from '../lib/aws/approval-tags';

/** Props of {@link LakeProductRole}. */
export interface LakeProductRoleProps {
  readonly product: DataProduct;
  readonly role: ProductRole;
}

/**
 * One of a product's three roles (Analyst, Engineer, Owner) in one environment: an IAM role whose
 * trust policy admits the role's members, and whose Lake Formation grants stay within its product.
 */
export class LakeProductRole extends LakePrincipal {
  readonly product: string;
  readonly roleName: ProductRole['name'];
  readonly filterSuffix: string;
  readonly via: AccessVia;
  readonly allowance: ColumnAllowance;
  private readonly clearance: string;

  constructor(scope: Construct, id: string, props: LakeProductRoleProps) {
    const { product, role } = props;
    const env = LakeFoundation.of(scope).environment;
    super(scope, id, {
      roleName: productRoleName(env, product, role.name),
      description: `${role.name} of data product ${product.id} (${env.name})`,
      trustPolicy: trustPolicy(role.members, env),
      tags: withApprovals({ DataProduct: product.id, ProductRole: role.name, Environment: env.name }, role.members.entries, env),
    });
    this.product = product.id;
    this.roleName = role.name;
    this.filterSuffix = `${product.id}-${role.name}`;
    this.via = { kind: 'role', product: product.id, role: role.name };
    this.clearance = role.clearance;
    this.allowance = { kind: 'clearance', level: role.clearance };
  }

  accessTag(level: AccessLevel): LfTagCondition {
    return { key: LF_TAG.accessKey(this.roleName), values: [level] };
  }

  protected tagPolicyExpression(level: AccessLevel): LfTagCondition[] {
    const c = this.foundation.classification;
    const expression: LfTagCondition[] = [
      { key: LF_TAG.product, values: [this.product] },
      { key: LF_TAG.accessKey(this.roleName), values: [level] },
    ];
    // Only reads are limited by column classification: a tag match that covers part of a table
    // reduces write permissions to DESCRIBE, and Engineers and Owners see their whole product.
    if (level === 'read' && this.clearance !== c.topLevel) {
      expression.push({ key: LF_TAG.classification, values: c.levelsUpTo(this.clearance) });
    }
    return expression;
  }
}

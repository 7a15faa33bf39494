import {
  AccessLevel,
  Classification,
  DataProduct as DataProductModel,
  Environment,
  OutputPort as OutputPortModel,
  ProductRole as ProductRoleModel,
  columnsWithinClearance,
} from '../lib/model';
import { productRoleName } from '../lib/aws/names';
import { Construct } from './cdktf';
import { LakeFoundation } from './lake-foundation';
import { LakePrincipal } from './lake-principal';
import { LF_TAG, LfTagCondition } from '../lib/aws/lf-tag-ontology';
import { trustPolicy } from '../lib/aws/trust-policy';

/** Props of {@link ProductRole}. */
export interface ProductRoleProps {
  readonly product: DataProductModel;
  readonly role: ProductRoleModel;
  readonly environment: Environment;
  readonly classification: Classification;
  readonly foundation: LakeFoundation;
}

/**
 * One of a product's three roles (Analyst, Engineer, Owner) in one environment: an IAM role whose
 * trust policy admits the role's members, and whose Lake Formation grants stay within its product.
 */
export class ProductRole extends LakePrincipal {
  readonly product: string;
  readonly roleName: ProductRoleModel['name'];
  readonly filterSuffix: string;
  private readonly clearance: string;
  private readonly classification: Classification;

  constructor(scope: Construct, id: string, props: ProductRoleProps) {
    const { product, role, environment: env } = props;
    super(scope, id, {
      env,
      foundation: props.foundation,
      roleName: productRoleName(env, product, role.name),
      description: `${role.name} of data product ${product.id} (${env.name})`,
      trustPolicy: trustPolicy(role.members, env),
      tags: { DataProduct: product.id, ProductRole: role.name, Environment: env.name },
    });
    this.product = product.id;
    this.roleName = role.name;
    this.filterSuffix = `${product.id}-${role.name}`;
    this.clearance = role.clearance;
    this.classification = props.classification;
  }

  wholeTableTag(product: string, level: AccessLevel): LfTagCondition | undefined {
    // Tag-based access only within the role's own product; other products grant by name.
    return product === this.product ? { key: LF_TAG.accessKey(this.roleName), values: [level] } : undefined;
  }

  protected tagPolicyExpression(level: AccessLevel): LfTagCondition[] {
    const expression: LfTagCondition[] = [
      { key: LF_TAG.product, values: [this.product] },
      { key: LF_TAG.accessKey(this.roleName), values: [level] },
    ];
    // Only reads are limited by column classification: a tag match that covers part of a table
    // reduces write permissions to DESCRIBE, and Engineers and Owners see their whole product.
    if (level === 'read' && this.clearance !== this.classification.topLevel) {
      expression.push({ key: LF_TAG.classification, values: this.classification.levelsUpTo(this.clearance) });
    }
    return expression;
  }

  readableColumns(port: OutputPortModel, wanted?: readonly string[]): string[] {
    return columnsWithinClearance(this.classification, port, this.clearance, wanted);
  }
}

import {
  AccessLevel,
  Classification,
  Environment,
  OutputPort as OutputPortModel,
  Purpose,
  columnsForPurpose,
} from '../lib/model';
import { purposeRoleName } from '../lib/aws/names';
import { DATABASE_PERMISSIONS } from '../lib/aws/permissions';
import { LakeformationPermissions } from './aws';
import { Construct } from './cdktf';
import { LakeFoundation } from './lake-foundation';
import { LakePrincipal, ProductDatabase } from './lake-principal';
import { LF_TAG, LfTagCondition } from '../lib/aws/lf-tag-ontology';
import { trustPolicy } from '../lib/aws/trust-policy';

/** Props of {@link PurposeRole}. */
export interface PurposeRoleProps {
  readonly purpose: Purpose;
  readonly environment: Environment;
  readonly classification: Classification;
  readonly foundation: LakeFoundation;
}

/**
 * The IAM role people assume to work for a purpose in one environment. It reads, across every
 * product bound to the purpose, only what the bindings expose and the purpose's classes allow.
 */
export class PurposeRole extends LakePrincipal {
  readonly purpose: Purpose;
  readonly filterSuffix: string;
  private readonly classification: Classification;
  private databasesGranted = false;

  constructor(scope: Construct, id: string, props: PurposeRoleProps) {
    const { purpose, environment: env } = props;
    super(scope, id, {
      env,
      foundation: props.foundation,
      roleName: purposeRoleName(env, purpose.name),
      description: `Members of purpose ${purpose.name} (${env.name}); approver ${purpose.approver}`,
      trustPolicy: trustPolicy(purpose.members, env),
      tags: { Purpose: purpose.name, Environment: env.name },
    });
    this.purpose = purpose;
    this.filterSuffix = `purpose-${purpose.name}`;
    this.classification = props.classification;
  }

  wholeTableTag(_product: string, level: AccessLevel): LfTagCondition | undefined {
    if (level !== 'read') throw new Error(`purpose ${this.purpose.name} can only be granted read`);
    return { key: LF_TAG.purposeKey(this.purpose.name), values: [LF_TAG.allowed] };
  }

  protected tagPolicyExpression(): LfTagCondition[] {
    // Expressions cannot say NOT: require `class-<c> = no` for every class the purpose may not see.
    return [
      { key: LF_TAG.purposeKey(this.purpose.name), values: [LF_TAG.allowed] },
      ...this.classification.classNames
        .filter((c) => !this.purpose.allowedClasses.includes(c))
        .map((c) => ({ key: LF_TAG.classKey(c), values: [LF_TAG.no] })),
    ];
  }

  readableColumns(port: OutputPortModel, wanted?: readonly string[]): string[] {
    return columnsForPurpose(port, this.purpose, wanted);
  }

  /**
   * A purpose reaches many products: their databases carry `purpose-<p> = bound` and one
   * DATABASE tag-policy grant lets the purpose see all of them, instead of a grant per database.
   * Tables inherit `bound`, which no table grant matches; the ones the purpose reads whole say
   * `allowed` themselves.
   */
  protected override grantDatabase(database: ProductDatabase): void {
    const key = LF_TAG.purposeKey(this.purpose.name);
    database.tags.set(key, LF_TAG.bound);
    if (this.databasesGranted) return;
    this.databasesGranted = true;
    new LakeformationPermissions(this, 'databases', {
      principal: this.arn,
      lfTagPolicy: { resourceType: 'DATABASE', expression: [{ key, values: [LF_TAG.bound] }] },
      permissions: [...DATABASE_PERMISSIONS.read],
      dependsOn: [this.role, ...this.foundation.tagsFor([key])],
    });
  }
}

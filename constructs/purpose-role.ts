import { AccessLevel, Purpose } from '../lib/model';
import { AccessVia, ColumnAllowance, purposeAllowance } from '../lib/plan';
import { purposeRoleName } from '../lib/aws/names';
import { DATABASE_PERMISSIONS } from '../lib/aws/permissions';
import { LakeformationPermissions } from './aws';
import { Construct } from './cdktf';
import { LakeFoundation } from './lake-foundation';
import { LakePrincipal, ProductDatabase } from './lake-principal';
import { PurposeWorkgroup } from './purpose-workgroup';
import { LF_TAG, LfTagCondition } from '../lib/aws/lf-tag-ontology';
import { trustPolicy } from '../lib/aws/trust-policy';
import { withApprovals } from '../lib/aws/approval-tags';

/** Props of {@link LakePurposeRole}. */
export interface LakePurposeRoleProps {
  readonly purpose: Purpose;
}

/**
 * The IAM role people assume to work for a purpose in one environment. It reads, across every
 * product bound to the purpose, only what the bindings expose and the purpose's classes allow,
 * and queries through Athena only in the purpose's own workgroup.
 */
export class LakePurposeRole extends LakePrincipal {
  readonly purpose: Purpose;
  readonly filterSuffix: string;
  readonly via: AccessVia;
  readonly allowance: ColumnAllowance;
  /** The Athena workgroup every query of the purpose runs in. */
  readonly workgroup: PurposeWorkgroup;
  private databaseGrant?: LakeformationPermissions;

  constructor(scope: Construct, id: string, props: LakePurposeRoleProps) {
    const { purpose } = props;
    const env = LakeFoundation.of(scope).environment;
    super(scope, id, {
      roleName: purposeRoleName(env, purpose.name),
      description: `Members of purpose ${purpose.name} (${env.name}); approver ${purpose.approver}`,
      trustPolicy: trustPolicy(purpose.members, env, LakeFoundation.of(scope).attributes),
      tags: withApprovals({ Purpose: purpose.name, Environment: env.name }, purpose.members.entries, env),
    });
    this.purpose = purpose;
    this.filterSuffix = `purpose-${purpose.name}`;
    this.via = { kind: 'purpose', purpose: purpose.name };
    this.allowance = purposeAllowance(purpose);
    this.workgroup = new PurposeWorkgroup(this, 'workgroup', { purpose: purpose.name, environment: env });
    this.allowQueriesIn(this.workgroup);
  }

  accessTag(level: AccessLevel): LfTagCondition {
    if (level !== 'read') throw new Error(`purpose ${this.purpose.name} can only be granted read`);
    return { key: LF_TAG.purposeKey(this.purpose.name), values: [LF_TAG.allowed] };
  }

  protected tagPolicyExpression(): LfTagCondition[] {
    // Expressions cannot say NOT: require `class-<c> = no` for every class the purpose may not see.
    return [
      { key: LF_TAG.purposeKey(this.purpose.name), values: [LF_TAG.allowed] },
      ...this.foundation.classification.classNames
        .filter((c) => !this.purpose.allowedClasses.includes(c))
        .map((c) => ({ key: LF_TAG.classKey(c), values: [LF_TAG.no] })),
    ];
  }

  /**
   * A purpose reaches many products: their databases carry `purpose-<p> = bound` and one
   * DATABASE tag-policy grant lets the purpose see all of them, instead of a grant per database.
   * Tables inherit `bound`, which no table grant matches; the ones the purpose reads whole say
   * `allowed` themselves.
   */
  protected override grantDatabase(database: ProductDatabase): LakeformationPermissions {
    const key = LF_TAG.purposeKey(this.purpose.name);
    database.tags.set(key, LF_TAG.bound);
    this.databaseGrant ??= new LakeformationPermissions(this, 'databases', {
      principal: this.arn,
      lfTagPolicy: { resourceType: 'DATABASE', expression: [{ key, values: [LF_TAG.bound] }] },
      permissions: [...DATABASE_PERMISSIONS.read],
      dependsOn: [this.role, ...this.foundation.tagsFor([key])],
    });
    return this.databaseGrant;
  }
}

import {
  ACCESS_LEVELS,
  AccessLevel,
  Environment,
  GRANTABLE_LEVELS,
  OutputPort as OutputPortModel,
} from '../lib/model';
import { DATABASE_PERMISSIONS, TABLE_PERMISSIONS } from '../lib/aws/permissions';
import { GLUE_READ, GLUE_WRITE, S3_WRITE } from '../lib/aws/iam-actions';
import { IamRole, IamRolePolicy, LakeformationPermissions } from './aws';
import { Construct, ITerraformDependable, Lazy } from './cdktf';
import { LakeFoundation } from './lake-foundation';
import { LfTagAssignment } from './lf-tag-assignment';
import { LfTagCondition } from '../lib/aws/lf-tag-ontology';
import { PolicyDocument } from './policy-document';

/** Anything that can be granted access to an output port (the aws-cdk `IGrantable` idiom). */
export interface IGrantable {
  readonly grantPrincipal: LakePrincipal;
}


/** A product's Glue database, as grants on its tables need it. */
export interface ProductDatabase {
  readonly name: string;
  /** Its LF-tag assignment: its tables, and grants on it, are made after it; purposes add their tag. */
  readonly tags: LfTagAssignment;
}

/** Where a product's data lives, as the principal needs it for write access. */
export interface DataLocation {
  readonly bucket: string;
  /** Key prefix without trailing slash, e.g. `payments/transactions`. */
  readonly prefix: string;
  /** `arn:aws:s3:::<bucket>/<prefix>`, as registered with Lake Formation. */
  readonly arn: string;
  /** The Lake Formation registration of that location. */
  readonly registration: ITerraformDependable;
}

/**
 * An IAM role as Lake Formation sees it. It collects, grant after grant, one Lake Formation
 * permission per target (database, tag policy, data location): several resources on the same
 * (principal, target) interfere in the provider and may not revoke on destroy.
 */
export abstract class LakePrincipal extends Construct implements IGrantable {
  readonly grantPrincipal = this;
  readonly role: IamRole;
  /** The role's ARN, written out (not a token) so that the synthesized JSON is self-explaining. */
  readonly arn: string;
  protected readonly env: Environment;
  protected readonly foundation: LakeFoundation;
  private readonly policy = new PolicyDocument();
  private readonly databaseLevels = new Map<string, AccessLevel>();
  private readsAnything = false;
  private readonly tagGrants = new Set<AccessLevel>();
  private readonly locations = new Set<string>();

  protected constructor(
    scope: Construct,
    id: string,
    props: { env: Environment; foundation: LakeFoundation; roleName: string; description: string; trustPolicy: object; tags: Record<string, string> },
  ) {
    super(scope, id);
    this.env = props.env;
    this.foundation = props.foundation;
    this.arn = `arn:aws:iam::${props.env.account}:role/${props.roleName}`;
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: JSON.stringify(props.trustPolicy),
      maxSessionDuration: 3600,
      tags: props.tags,
    });
    this.policy.allow('LakeFormationDataAccess', ['lakeformation:GetDataAccess'], ['*']);
    this.policy.allow('GlueCatalogRead', GLUE_READ, [`arn:aws:glue:${this.env.region}:${this.env.account}:catalog`]);
    new IamRolePolicy(this, 'policy', {
      name: 'meshgrant-data-access',
      role: this.role.id,
      policy: Lazy.stringValue({ produce: () => JSON.stringify(this.policy.toJSON()) }),
    });
  }

  /**
   * The tag (key = value) that marks a table of `product` this principal may use whole at
   * `level`, or undefined when such access must be granted by name.
   */
  abstract wholeTableTag(product: string, level: AccessLevel): LfTagCondition | undefined;

  /** The tag-policy expression matching the tables and columns this principal reads at `level`. */
  protected abstract tagPolicyExpression(level: AccessLevel): LfTagCondition[];

  /** Columns of `port` this principal may read, among `wanted` (all when undefined). */
  abstract readableColumns(port: OutputPortModel, wanted?: readonly string[]): string[];

  /** A short, unique name for this principal inside filter names, e.g. `analyst` or `purpose-x`. */
  abstract readonly filterSuffix: string;

  /** Ensures the principal may describe (or more, per `level`) the database, in IAM and in Lake Formation. */
  allowDatabase(database: ProductDatabase, level: AccessLevel): void {
    const glue = `arn:aws:glue:${this.env.region}:${this.env.account}`;
    const name = database.name;
    this.policy.allow('GlueCatalogRead', GLUE_READ, [`${glue}:database/${name}`, `${glue}:table/${name}/*`]);
    if (level !== 'read') this.policy.allow('GlueProductWrite', GLUE_WRITE, [`${glue}:catalog`, `${glue}:database/${name}`, `${glue}:table/${name}/*`]);
    if (!this.readsAnything) {
      this.readsAnything = true;
      // Athena needs DESCRIBE on the `default` database for every query, whatever it reads.
      new LakeformationPermissions(this, 'db-default', {
        principal: this.arn,
        database: { name: 'default' },
        permissions: ['DESCRIBE'],
        dependsOn: [this.role],
      });
    }
    this.grantDatabase(database, level);
  }

  /** The Lake Formation permission on the database: by name, raised to the highest level asked. */
  protected grantDatabase(db: ProductDatabase, level: AccessLevel): void {
    const database = db.name;
    const known = this.databaseLevels.get(database);
    if (known !== undefined) {
      if (ACCESS_LEVELS.indexOf(level) > ACCESS_LEVELS.indexOf(known)) this.databaseLevels.set(database, level);
      return;
    }
    this.databaseLevels.set(database, level);
    const current = () => this.databaseLevels.get(database)!;
    new LakeformationPermissions(this, `db-${database}`, {
      principal: this.arn,
      database: { name: database },
      permissions: Lazy.listValue({ produce: () => [...DATABASE_PERMISSIONS[current()]] }),
      permissionsWithGrantOption: Lazy.listValue(
        { produce: () => (GRANTABLE_LEVELS.includes(current()) ? [...DATABASE_PERMISSIONS[current()]] : []) },
        { omitEmpty: true },
      ),
      dependsOn: [this.role, db.tags.resource],
    });
  }

  /** Ensures the single tag-policy grant for `level` exists. */
  allowByTags(level: AccessLevel): void {
    if (this.tagGrants.has(level)) return;
    this.tagGrants.add(level);
    const expression = this.tagPolicyExpression(level);
    new LakeformationPermissions(this, `tables-${level}`, {
      principal: this.arn,
      lfTagPolicy: { resourceType: 'TABLE', expression: expression.map((e) => ({ key: e.key, values: [...e.values] })) },
      permissions: [...TABLE_PERMISSIONS[level]],
      permissionsWithGrantOption: GRANTABLE_LEVELS.includes(level) ? [...TABLE_PERMISSIONS[level]] : undefined,
      dependsOn: [this.role, ...this.foundation.tagsFor(expression.map((e) => e.key))],
    });
  }

  /** Ensures write access to a product's storage: Lake Formation data location plus IAM S3 on its prefix. */
  allowWriteTo(location: DataLocation): void {
    if (this.locations.has(location.arn)) return;
    this.locations.add(location.arn);
    this.policy.allow('ProductDataWrite', S3_WRITE, [`${location.arn}/*`]);
    this.policy.allow(`ProductDataList${this.locations.size}`, ['s3:ListBucket'], [`arn:aws:s3:::${location.bucket}`], {
      StringLike: { 's3:prefix': [`${location.prefix}/*`] },
    });
    new LakeformationPermissions(this, `location-${location.prefix.replace(/\//g, '-')}`, {
      principal: this.arn,
      dataLocation: { arn: location.arn },
      permissions: ['DATA_LOCATION_ACCESS'],
      dependsOn: [this.role, location.registration],
    });
  }
}

import { ACCESS_LEVELS, AccessLevel, Environment, GRANTABLE_LEVELS } from '../lib/model';
import { AccessVia, ColumnAllowance } from '../lib/plan';
import {
  COLUMN_PERMISSIONS,
  DATABASE_PERMISSIONS,
  DATA_LOCATION_PERMISSIONS,
  DEFAULT_DATABASE_PERMISSIONS,
  FILTER_PERMISSIONS,
  TABLE_PERMISSIONS,
} from '../lib/aws/permissions';
import {
  ATHENA_QUERY,
  GLUE_READ,
  GLUE_WRITE,
  KMS_QUERY_RESULTS,
  S3_QUERY_RESULTS,
  S3_RESULTS_BUCKET,
  S3_WRITE,
} from '../lib/aws/iam-actions';
import { IamRole, IamRolePolicy, LakeformationOptIn, LakeformationPermissions } from './aws';
import { Construct, ITerraformDependable, Lazy } from './cdktf';
import { LakeFoundation } from './lake-foundation';
import { LfTagAssignment } from './lf-tag-assignment';
import { LfTagCondition } from '../lib/aws/lf-tag-ontology';
import { PolicyDocument } from './policy-document';
import { inStackOf, scopeForTarget } from './principal-placement';
import type { PurposeWorkgroup } from './purpose-workgroup';

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

/** A Glue table granted by name, as the principal's permissions on it need it. */
export interface GrantedTable {
  readonly databaseName: string;
  readonly name: string;
  /** Unique among the tables of the stack, e.g. `<product>-<port>`: names the permission inside the principal. */
  readonly id: string;
  /** The table's resource: permissions on it are made after it. */
  readonly resource: ITerraformDependable;
}

/** A data cells filter on a table, as the grant of it needs it. */
export interface GrantedFilter {
  readonly name: string;
  /** The account of the table's catalog. */
  readonly catalogId: string;
  /** The filter's resource: its grant is made after it. */
  readonly resource: ITerraformDependable;
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
  private readonly databases = new Map<string, { level: AccessLevel; permission: LakeformationPermissions }>();
  private defaultDatabase?: LakeformationPermissions;
  private readonly tagGrants = new Map<AccessLevel, LakeformationPermissions>();
  private readonly locations = new Map<string, LakeformationPermissions>();

  protected constructor(
    scope: Construct,
    id: string,
    props: { roleName: string; description: string; trustPolicy: object; tags: Record<string, string> },
  ) {
    super(scope, id);
    this.foundation = LakeFoundation.of(this);
    this.env = this.foundation.environment;
    this.arn = `arn:aws:iam::${this.env.account}:role/${props.roleName}`;
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

  /** How access granted to this principal in code is planned: as a product role's, or a purpose's. */
  abstract readonly via: AccessVia;

  /** What this principal may see of any table: its clearance, or the classes its purpose allows. */
  abstract readonly allowance: ColumnAllowance;

  /** A short, unique name for this principal inside filter names, e.g. `analyst` or `purpose-x`. */
  abstract readonly filterSuffix: string;

  /** The table tag (key = value) that the principal's tag-policy grant at `level` matches. */
  abstract accessTag(level: AccessLevel): LfTagCondition;

  /** The tag-policy expression matching the tables and columns this principal reads at `level`. */
  protected abstract tagPolicyExpression(level: AccessLevel): LfTagCondition[];

  /**
   * Ensures the principal may describe (or more, per `level`) the database, in IAM and in Lake
   * Formation; returns the Lake Formation permission that covers it.
   */
  allowDatabase(database: ProductDatabase, level: AccessLevel): LakeformationPermissions {
    const glue = `arn:aws:glue:${this.env.region}:${this.env.account}`;
    const name = database.name;
    this.policy.allow('GlueCatalogRead', GLUE_READ, [`${glue}:database/${name}`, `${glue}:table/${name}/*`]);
    if (level !== 'read')
      this.policy.allow('GlueProductWrite', GLUE_WRITE, [`${glue}:catalog`, `${glue}:database/${name}`, `${glue}:table/${name}/*`]);
    // Athena needs DESCRIBE on the `default` database for every query, whatever it reads.
    this.defaultDatabase ??= new LakeformationPermissions(this, 'db-default', {
      principal: this.arn,
      database: { name: 'default' },
      permissions: [...DEFAULT_DATABASE_PERMISSIONS],
      dependsOn: [this.role],
    });
    return this.grantDatabase(database, level);
  }

  /** The Lake Formation permission on the database: by name, raised to the highest level asked. */
  protected grantDatabase(db: ProductDatabase, level: AccessLevel): LakeformationPermissions {
    const known = this.databases.get(db.name);
    if (known !== undefined) {
      if (ACCESS_LEVELS.indexOf(level) > ACCESS_LEVELS.indexOf(known.level)) known.level = level;
      return known.permission;
    }
    const current = () => this.databases.get(db.name)!.level;
    const scope = scopeForTarget(this, db.tags.resource);
    const permission = new LakeformationPermissions(scope, `db-${db.name}`, {
      principal: this.arn,
      database: { name: db.name },
      permissions: Lazy.listValue({ produce: () => [...DATABASE_PERMISSIONS[current()]] }),
      permissionsWithGrantOption: Lazy.listValue(
        { produce: () => (GRANTABLE_LEVELS.includes(current()) ? [...DATABASE_PERMISSIONS[current()]] : []) },
        { omitEmpty: true },
      ),
      dependsOn: this.after(scope, db.tags.resource),
    });
    this.databases.set(db.name, { level, permission });
    if (this.env.accessMode === 'hybrid') {
      // In hybrid mode Lake Formation enforces its grants only for principals opted in: this one,
      // on every table of the database it is granted (and only there).
      new LakeformationOptIn(scope, `opt-in-${db.name}`, {
        principal: [{ dataLakePrincipalIdentifier: this.arn }],
        resourceData: [{ table: [{ databaseName: db.name, wildcard: true }] }],
        dependsOn: this.after(scope, db.tags.resource),
      });
    }
    return permission;
  }

  /**
   * Lets the principal run Athena queries in a purpose's workgroup, and in no other (no other
   * workgroup ARN, no `*`), with its results prefix: a query the principal runs is then
   * attributed to the purpose in CloudTrail. For the purpose's role, and for the roles of global
   * policies that guard the purpose's way in.
   */
  allowQueriesIn(workgroup: PurposeWorkgroup): void {
    const { bucket, prefix, kmsKeyArn } = workgroup.results;
    this.policy.allow('AthenaPurposeWorkgroup', ATHENA_QUERY, [workgroup.arn]);
    this.policy.allow('QueryResultsWrite', S3_QUERY_RESULTS, [`arn:aws:s3:::${bucket}/${prefix}/*`]);
    this.policy.allow('QueryResultsBucket', S3_RESULTS_BUCKET, [`arn:aws:s3:::${bucket}`]);
    this.policy.allow('QueryResultsList', ['s3:ListBucket'], [`arn:aws:s3:::${bucket}`], { StringLike: { 's3:prefix': [`${prefix}/*`] } });
    if (kmsKeyArn !== undefined) this.policy.allow('QueryResultsKey', KMS_QUERY_RESULTS, [kmsKeyArn]);
  }

  /** Ensures the single tag-policy grant for `level` exists, and returns it. */
  allowByTags(level: AccessLevel): LakeformationPermissions {
    const known = this.tagGrants.get(level);
    if (known !== undefined) return known;
    const expression = this.tagPolicyExpression(level);
    const grant = new LakeformationPermissions(this, `tables-${level}`, {
      principal: this.arn,
      lfTagPolicy: { resourceType: 'TABLE', expression: expression.map((e) => ({ key: e.key, values: [...e.values] })) },
      permissions: [...TABLE_PERMISSIONS[level]],
      permissionsWithGrantOption: GRANTABLE_LEVELS.includes(level) ? [...TABLE_PERMISSIONS[level]] : undefined,
      dependsOn: [this.role, ...this.foundation.tagsFor(expression.map((e) => e.key))],
    });
    this.tagGrants.set(level, grant);
    return grant;
  }

  /** Ensures write access to a product's storage: Lake Formation data location plus IAM S3 on its prefix. */
  allowWriteTo(location: DataLocation): LakeformationPermissions {
    const known = this.locations.get(location.arn);
    if (known !== undefined) return known;
    this.policy.allow('ProductDataWrite', S3_WRITE, [`${location.arn}/*`]);
    this.policy.allow(`ProductDataList${this.locations.size + 1}`, ['s3:ListBucket'], [`arn:aws:s3:::${location.bucket}`], {
      StringLike: { 's3:prefix': [`${location.prefix}/*`] },
    });
    const scope = scopeForTarget(this, location.registration);
    const permission = new LakeformationPermissions(scope, `location-${location.prefix.replace(/\//g, '-')}`, {
      principal: this.arn,
      dataLocation: { arn: location.arn },
      permissions: [...DATA_LOCATION_PERMISSIONS],
      dependsOn: this.after(scope, location.registration),
    });
    this.locations.set(location.arn, permission);
    return permission;
  }

  /** Grants the whole table by name, at `level` (a write to another product's table, from code). */
  grantTable(table: GrantedTable, level: AccessLevel): LakeformationPermissions {
    const scope = scopeForTarget(this, table.resource);
    return new LakeformationPermissions(scope, `table-${table.id}`, {
      principal: this.arn,
      table: { databaseName: table.databaseName, name: table.name },
      permissions: [...TABLE_PERMISSIONS[level]],
      dependsOn: this.after(scope, table.resource),
    });
  }

  /** Grants read on the named columns of a table: a column added later stays hidden until granted. */
  grantColumns(table: GrantedTable, columns: readonly string[]): LakeformationPermissions {
    const scope = scopeForTarget(this, table.resource);
    return new LakeformationPermissions(scope, `columns-${table.id}`, {
      principal: this.arn,
      tableWithColumns: { databaseName: table.databaseName, name: table.name, columnNames: [...columns] },
      permissions: [...COLUMN_PERMISSIONS],
      dependsOn: this.after(scope, table.resource),
    });
  }

  /** Grants read through a data cells filter on a table, which limits the rows and columns. */
  grantFilter(table: GrantedTable, filter: GrantedFilter): LakeformationPermissions {
    const scope = scopeForTarget(this, filter.resource);
    return new LakeformationPermissions(scope, `filter-${table.id}`, {
      principal: this.arn,
      dataCellsFilter: { databaseName: table.databaseName, tableName: table.name, tableCatalogId: filter.catalogId, name: filter.name },
      permissions: [...FILTER_PERMISSIONS],
      dependsOn: this.after(scope, filter.resource),
    });
  }

  /**
   * What a permission made in `scope` on `target` waits for: the role and the target, those of
   * them in the scope's stack (another stack is applied before, or the dependency is recorded
   * between the stacks).
   */
  private after(scope: Construct, target: ITerraformDependable): ITerraformDependable[] {
    return inStackOf(scope, [this.role, target]);
  }
}

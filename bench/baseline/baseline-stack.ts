/**
 * The baseline: the same access as meshgrant's, written the way a hand-written cdktf project
 * would, with L1 provider resources and no abstraction and no LF-tags. Every table a principal
 * reads gets a named grant (`table` for whole tables, `table_with_columns` for column subsets, a
 * data cells filter where rows are filtered), every database a grant per principal (plus
 * DESCRIBE on `default` for Athena), writers a data location grant, and the same IAM roles and
 * policies, those of the principals global policies call for included (one per merged condition,
 * guarded way in and segment, trusted by that condition, granted by name like every other).
 * Values are written literally, as ours are, with `depends_on` for ordering.
 */
// The same two import points as the constructs (a move to cdktn edits only those), plain TerraformStack.
import { Construct, S3Backend, TerraformStack } from '../../constructs/cdktf';
import {
  AwsProvider,
  GlueCatalogDatabase,
  GlueCatalogTable,
  IamRole,
  IamRolePolicy,
  LakeformationDataCellsFilter,
  LakeformationDataLakeSettings,
  LakeformationPermissions,
  LakeformationResource,
} from '../../constructs/aws';
import { ACCESS_LEVELS, AccessLevel, GRANTABLE_LEVELS, Mesh, OutputPort, PRODUCT_ROLES } from '../../lib/model';
import { AccessEntry, holderKey } from '../../lib/plan';
import { fitName, policyRoleName, productDatabaseName, productRoleName, productStoragePrefix, purposeRoleName } from '../../lib/aws/names';
import { DATABASE_PERMISSIONS, FILTER_PERMISSIONS, TABLE_PERMISSIONS } from '../../lib/aws/permissions';
import { PolicyDocument } from '../../constructs/policy-document';
import { GLUE_READ, GLUE_WRITE, S3_WRITE } from '../../lib/aws/iam-actions';
import { trustPolicy } from '../../lib/aws/trust-policy';
import { policyRole } from '../../lib/aws/policy-trust';

export interface BaselineStackProps {
  readonly mesh: Mesh;
  readonly environment: string;
  /** The mesh's access plan (all environments); this stack deploys its environment's entries. */
  readonly access: readonly AccessEntry[];
}

/** What the stack keeps per product: its database and storage. */
interface ProductResources {
  readonly database: GlueCatalogDatabase;
  readonly databaseName: string;
  readonly registration: LakeformationResource;
  readonly bucket: string;
  readonly prefix: string;
  readonly tables: ReadonlyMap<string, { readonly resource: GlueCatalogTable; readonly model: OutputPort }>;
}

/** What the stack keeps per role while it writes grants: the role and the databases and locations it reaches. */
interface RoleResources {
  readonly role: IamRole;
  readonly arn: string;
  readonly id: string;
  readonly databases: Map<string, AccessLevel>;
  readonly locations: string[];
}

/** `payments.transactions/analyst` -> `payments-transactions-analyst`. */
const constructId = (key: string) => key.replace(/[^A-Za-z0-9_-]/g, '-');

export class BaselineStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: BaselineStackProps) {
    super(scope, id);
    const { mesh } = props;
    const env = mesh.environment(props.environment);

    new AwsProvider(this, 'aws', { region: env.region, allowedAccountIds: [env.account], defaultTags: [{ tags: { ...env.tags } }] });
    const { bucket, keyPrefix, region, kmsKeyId } = env.backend;
    new S3Backend(this, { bucket, key: `${keyPrefix}/${env.name}.tfstate`, region, encrypt: true, ...(kmsKeyId ? { kmsKeyId } : {}) });
    this.addOverride('terraform.backend.s3.use_lockfile', true);
    const settings = env.manageDataLakeSettings
      ? new LakeformationDataLakeSettings(this, 'lake-settings', { admins: [...new Set([env.deployRoleArn, ...env.lakeAdmins])].sort() })
      : undefined;

    const products = new Map<string, ProductResources>();
    const roles = new Map<string, RoleResources>();
    const role = (key: string, roleName: string, description: string, trust: object, tags: Record<string, string>) => {
      const resource = new IamRole(this, `${constructId(key)}-role`, {
        name: roleName,
        description,
        assumeRolePolicy: JSON.stringify(trust),
        maxSessionDuration: 3600,
        tags,
      });
      roles.set(key, {
        role: resource,
        arn: `arn:aws:iam::${env.account}:role/${roleName}`,
        id: constructId(key),
        databases: new Map(),
        locations: [],
      });
    };

    for (const product of mesh.productsIn(env.name)) {
      const databaseName = productDatabaseName(env, product);
      const prefix = productStoragePrefix(product);
      const database = new GlueCatalogDatabase(this, `${constructId(product.id)}-database`, {
        name: databaseName,
        description: `${product.title} (${product.id}); owner ${product.owner}`,
        locationUri: `s3://${env.dataBucket}/${prefix}/`,
        dependsOn: settings ? [settings] : [],
        lifecycle: { preventDestroy: true },
      });
      const registration = new LakeformationResource(this, `${constructId(product.id)}-storage`, {
        arn: `arn:aws:s3:::${env.dataBucket}/${prefix}`,
        useServiceLinkedRole: true,
      });
      const tables = new Map<string, { resource: GlueCatalogTable; model: OutputPort }>();
      for (const port of product.outputPorts) {
        if (port.format !== 'parquet')
          throw new Error(`baseline: ${product.id}/${port.name} is ${port.format}; benchmark meshes use parquet`);
        const column = (c: (typeof port.columns)[number]) => ({
          name: c.name,
          type: c.type,
          ...(c.description ? { comment: c.description } : {}),
        });
        const resource = new GlueCatalogTable(this, `${constructId(product.id)}-${port.name}`, {
          name: port.tableName,
          databaseName,
          description: port.description,
          tableType: 'EXTERNAL_TABLE',
          parameters: { EXTERNAL: 'TRUE', classification: 'parquet' },
          storageDescriptor: {
            location: `s3://${env.dataBucket}/${prefix}/${port.name}/`,
            inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
            outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
            serDeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
            columns: port.columns.filter((c) => !c.partitionKey).map(column),
          },
          partitionKeys: port.columns.filter((c) => c.partitionKey).map(column),
          dependsOn: [database],
          lifecycle: { preventDestroy: true },
        });
        tables.set(port.name, { resource, model: port });
      }
      products.set(product.id, { database, databaseName, registration, bucket: env.dataBucket, prefix, tables });
      for (const r of PRODUCT_ROLES) {
        role(
          `${product.id}/${r}`,
          productRoleName(env, product, r),
          `${r} of data product ${product.id} (${env.name})`,
          trustPolicy(product.roles[r].members, env, mesh.attributes),
          {
            DataProduct: product.id,
            ProductRole: r,
            Environment: env.name,
          },
        );
      }
    }
    for (const purpose of mesh.purposesIn(env.name)) {
      role(
        `purpose:${purpose.name}`,
        purposeRoleName(env, purpose.name),
        `Members of purpose ${purpose.name} (${env.name}); approver ${purpose.approver}`,
        trustPolicy(purpose.members, env, mesh.attributes),
        {
          Purpose: purpose.name,
          Environment: env.name,
        },
      );
    }
    // Global policies: a role per principal they call for (a merged condition, a guarded way in,
    // a row policy's segment), trusted by that condition, as docs/abac.md describes.
    for (const a of props.access) {
      if (a.environment !== env.name || a.holder.kind !== 'policy' || roles.has(holderKey(a.holder))) continue;
      const principal = a.holder.principal;
      const { trustPolicy: trust, tags } = policyRole(principal, mesh.attributes, env);
      role(
        holderKey(a.holder),
        policyRoleName(env, principal.id),
        `Global policies ${principal.policies.join(', ')} (${env.name})`,
        trust,
        tags,
      );
    }

    for (const a of props.access) {
      if (a.environment !== env.name || a.columns.length === 0) continue;
      const principal = roles.get(holderKey(a.holder))!;
      const product = products.get(a.product)!;
      const { resource: table, model: port } = product.tables.get(a.port)!;
      const tableName = port.tableName;
      const grantId = `${principal.id}-${constructId(a.product)}-${a.port}`;
      if (a.rows !== undefined) {
        const name = fitName(`${tableName}-${principal.id}`, 255);
        const filter = new LakeformationDataCellsFilter(this, `${grantId}-filter`, {
          tableData: [
            {
              databaseName: product.databaseName,
              tableName,
              tableCatalogId: env.account,
              name,
              columnNames: [...a.columns],
              rowFilter: [{ filterExpression: a.rows }],
            },
          ],
          dependsOn: [table],
        });
        new LakeformationPermissions(this, `${grantId}-grant`, {
          principal: principal.arn,
          dataCellsFilter: { databaseName: product.databaseName, tableName, tableCatalogId: env.account, name },
          permissions: [...FILTER_PERMISSIONS],
          dependsOn: [principal.role, filter],
        });
      } else if (a.level === 'read' && a.columns.length < port.columns.length) {
        // Lake Formation takes only SELECT on a column list.
        new LakeformationPermissions(this, `${grantId}-grant`, {
          principal: principal.arn,
          tableWithColumns: { databaseName: product.databaseName, name: tableName, columnNames: [...a.columns] },
          permissions: ['SELECT'],
          dependsOn: [principal.role, table],
        });
      } else {
        new LakeformationPermissions(this, `${grantId}-grant`, {
          principal: principal.arn,
          table: { databaseName: product.databaseName, name: tableName },
          permissions: [...TABLE_PERMISSIONS[a.level]],
          ...(a.grantable ? { permissionsWithGrantOption: [...TABLE_PERMISSIONS[a.level]] } : {}),
          dependsOn: [principal.role, table],
        });
      }
      const known = principal.databases.get(a.product);
      if (known === undefined || ACCESS_LEVELS.indexOf(a.level) > ACCESS_LEVELS.indexOf(known)) principal.databases.set(a.product, a.level);
      if (a.level !== 'read' && !principal.locations.includes(a.product)) principal.locations.push(a.product);
    }

    for (const principal of roles.values()) {
      const policy = new PolicyDocument();
      const glue = `arn:aws:glue:${env.region}:${env.account}`;
      policy.allow('LakeFormationDataAccess', ['lakeformation:GetDataAccess'], ['*']);
      policy.allow('GlueCatalogRead', GLUE_READ, [`${glue}:catalog`]);
      if (principal.databases.size > 0) {
        // Athena needs DESCRIBE on the `default` database for every query.
        new LakeformationPermissions(this, `${principal.id}-default-database`, {
          principal: principal.arn,
          database: { name: 'default' },
          permissions: ['DESCRIBE'],
          dependsOn: [principal.role],
        });
      }
      for (const [productId, level] of principal.databases) {
        const { databaseName, database } = products.get(productId)!;
        policy.allow('GlueCatalogRead', GLUE_READ, [`${glue}:database/${databaseName}`, `${glue}:table/${databaseName}/*`]);
        if (level !== 'read')
          policy.allow('GlueProductWrite', GLUE_WRITE, [
            `${glue}:catalog`,
            `${glue}:database/${databaseName}`,
            `${glue}:table/${databaseName}/*`,
          ]);
        new LakeformationPermissions(this, `${principal.id}-${constructId(productId)}-database`, {
          principal: principal.arn,
          database: { name: databaseName },
          permissions: [...DATABASE_PERMISSIONS[level]],
          ...(GRANTABLE_LEVELS.includes(level) ? { permissionsWithGrantOption: [...DATABASE_PERMISSIONS[level]] } : {}),
          dependsOn: [principal.role, database],
        });
      }
      principal.locations.forEach((productId, i) => {
        const { bucket, prefix, registration } = products.get(productId)!;
        const arn = `arn:aws:s3:::${bucket}/${prefix}`;
        policy.allow('ProductDataWrite', S3_WRITE, [`${arn}/*`]);
        policy.allow(`ProductDataList${i + 1}`, ['s3:ListBucket'], [`arn:aws:s3:::${bucket}`], {
          StringLike: { 's3:prefix': [`${prefix}/*`] },
        });
        new LakeformationPermissions(this, `${principal.id}-${constructId(productId)}-location`, {
          principal: principal.arn,
          dataLocation: { arn },
          permissions: ['DATA_LOCATION_ACCESS'],
          dependsOn: [principal.role, registration],
        });
      });
      new IamRolePolicy(this, `${principal.id}-policy`, {
        name: 'meshgrant-data-access',
        role: principal.role.id,
        policy: JSON.stringify(policy.toJSON()),
      });
    }
  }
}

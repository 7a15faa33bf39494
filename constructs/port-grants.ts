import { AccessLevel } from '../lib/model';
import { fitName } from '../lib/aws/names';
import { PlannedAccess, planAccess } from '../lib/plan';
import { LakeformationDataCellsFilter } from './aws';
import { TerraformResource } from './cdktf';
import { LakeFoundation } from './lake-foundation';
import { GrantedTable, IGrantable, LakePrincipal } from './lake-principal';
import type { LakePort } from './output-port';
import { PortGrant } from './port-grant';
import { keepAddress } from './terraform-address';

/** Options of a read grant. */
export interface ReadGrantOptions {
  /**
   * Columns readable through the grant (further limited by the grantee's clearance or purpose).
   * @default - every column the grantee may see
   */
  readonly columns?: readonly string[];
  /**
   * Row filter, a static PartiQL condition.
   * @default - all rows
   */
  readonly rows?: string;
}

/**
 * The grants on one output port (on the model of aws-cdk's `BucketGrants`): each verb plans the
 * access with `lib/plan`, then {@link PortGrants.planned} deploys it by the mechanism the plan chose.
 */
export class PortGrants {
  /** @internal made by the port */
  constructor(private readonly port: LakePort) {}

  /** Read access; with `rows` through a data cells filter, with `columns` only on those columns by name. */
  read(grantee: IGrantable, options: ReadGrantOptions = {}): PortGrant {
    return this.grant(grantee, 'read', options);
  }

  /** Read and write on the whole table, and write on the product's storage (Engineers, Owners). */
  write(grantee: IGrantable): PortGrant {
    return this.grant(grantee, 'write', {});
  }

  /** Administration with the grant option (Owners). */
  admin(grantee: IGrantable): PortGrant {
    return this.grant(grantee, 'admin', {});
  }

  /**
   * Deploys access already planned for this port (an entry of the mesh's access plan): the
   * database, storage for writes, then the table access by the entry's mechanism.
   */
  planned(grantee: IGrantable, access: PlannedAccess): PortGrant {
    const principal = grantee.grantPrincipal;
    const port = this.port;
    if (access.product !== port.productId || access.port !== port.model.name) {
      throw new Error(`${port.node.path}: access to ${access.product}/${access.port} is planned for another port`);
    }
    const resources: TerraformResource[] = [principal.allowDatabase(port.database, access.level)];
    if (access.level !== 'read') resources.push(principal.allowWriteTo(port.location));
    switch (access.mechanism) {
      case 'tag-policy': {
        const tag = principal.accessTag(access.level);
        resources.push(port.tagTable(tag.key, tag.values[0]).resource, principal.allowByTags(access.level));
        break;
      }
      case 'data-cells-filter':
        resources.push(...this.filter(principal, access.columns, access.rows!));
        break;
      // Named-column and filter grants live under their principal, like its other permissions; they
      // were made under the port before and keep the Terraform addresses they had there
      // (docs/decisions.md, "Every Lake Formation permission under its principal").
      case 'named-columns':
        // Columns listed by name, not the whole table: a column added later stays hidden until granted.
        resources.push(keepAddress(principal.grantColumns(this.table, access.columns), port, `columns-${principal.filterSuffix}`));
        break;
      case 'named-table':
        resources.push(principal.grantTable(this.table, access.level));
        break;
    }
    return new PortGrant(port, principal, access, resources);
  }

  private grant(grantee: IGrantable, level: AccessLevel, options: ReadGrantOptions): PortGrant {
    const principal = grantee.grantPrincipal;
    const { port } = this;
    const foundation = LakeFoundation.of(port);
    const access = planAccess(foundation.classification, {
      environment: foundation.environment.name,
      via: principal.via,
      product: port.productId,
      port: port.model,
      level,
      allowance: principal.allowance,
      ...options,
    });
    return access === undefined ? new PortGrant(port, principal, undefined, []) : this.planned(principal, access);
  }

  /** The port's table, as the principals' permissions on it name it. */
  private get table(): GrantedTable {
    const port = this.port;
    return {
      databaseName: port.database.name,
      name: port.model.tableName,
      id: `${port.productId}-${port.model.name}`,
      resource: port.tableDependency,
    };
  }

  /**
   * A data cells filter with the rows and columns, on the table (under the port), and its grant,
   * under the principal.
   */
  private filter(principal: LakePrincipal, columns: readonly string[], rows: string): TerraformResource[] {
    const port = this.port;
    const suffix = principal.filterSuffix;
    const name = fitName(`${port.model.tableName}-${suffix}`, 255);
    const catalogId = LakeFoundation.of(port).environment.account;
    const filter = new LakeformationDataCellsFilter(port, `filter-${suffix}`, {
      tableData: [
        {
          databaseName: port.database.name,
          tableName: port.model.tableName,
          tableCatalogId: catalogId,
          name,
          columnNames: [...columns],
          rowFilter: [{ filterExpression: rows }],
        },
      ],
      dependsOn: [port.tableDependency],
    });
    const grant = keepAddress(principal.grantFilter(this.table, { name, catalogId, resource: filter }), port, `filter-${suffix}-grant`);
    return [filter, grant];
  }
}

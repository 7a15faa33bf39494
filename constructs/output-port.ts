import {
  AccessLevel,
  Classification,
  Environment,
  OutputPort as OutputPortModel,
} from '../lib/model';
import { fitName } from '../lib/aws/names';
import { COLUMN_PERMISSIONS, FILTER_PERMISSIONS, TABLE_PERMISSIONS } from '../lib/aws/permissions';
import {
  GlueCatalogTable,
  LakeformationDataCellsFilter,
  LakeformationPermissions,
  LakeformationResourceLfTags,
} from './aws';
import { Construct, ITerraformDependable } from './cdktf';
import { LakeFoundation } from './lake-foundation';
import { DataLocation, IGrantable, ProductDatabase } from './lake-principal';
import { LfTagAssignment } from './lf-tag-assignment';
import { LF_TAG } from '../lib/aws/lf-tag-ontology';

/** Hive storage settings per format. */
const FORMATS: Record<OutputPortModel['format'], { input: string; output: string; serde: string; parameters?: Record<string, string> }> = {
  parquet: {
    input: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
    output: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
    serde: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
  },
  orc: {
    input: 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat',
    output: 'org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat',
    serde: 'org.apache.hadoop.hive.ql.io.orc.OrcSerde',
  },
  json: {
    input: 'org.apache.hadoop.mapred.TextInputFormat',
    output: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
    serde: 'org.openx.data.jsonserde.JsonSerDe',
  },
  csv: {
    input: 'org.apache.hadoop.mapred.TextInputFormat',
    output: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
    serde: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
    parameters: { 'field.delim': ',' },
  },
};

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

/** What a grant produced: how Lake Formation enforces it and which columns it exposes. */
export interface PortGrant {
  readonly port: OutputPort;
  readonly principalArn: string;
  readonly level: AccessLevel;
  /**
   * `lf-tag` (whole table, by tag policy), `data-cells-filter` (rows, and columns, subset),
   * `named` (table or column grant), or `none` when the grantee may see none of the columns (no
   * resource made).
   */
  readonly mechanism: 'lf-tag' | 'data-cells-filter' | 'named' | 'none';
  /** Columns readable through the grant, sorted. */
  readonly columns: readonly string[];
}

/** Props of {@link OutputPort}. */
export interface OutputPortProps {
  readonly productId: string;
  readonly port: OutputPortModel;
  /** The product's database; the table is made after its tags, which it inherits. */
  readonly database: ProductDatabase;
  readonly location: DataLocation;
  readonly environment: Environment;
  readonly classification: Classification;
  readonly foundation: LakeFoundation;
}

/**
 * An output port: the Glue table consumers read, its columns tagged with their classification,
 * and the grant idiom (`port.grantRead(role)`) that turns access into Lake Formation permissions.
 */
export class OutputPort extends Construct {
  readonly model: OutputPortModel;
  readonly productId: string;
  readonly database: string;
  readonly table: GlueCatalogTable;
  private readonly props: OutputPortProps;
  private tableTags?: LfTagAssignment;

  constructor(scope: Construct, id: string, props: OutputPortProps) {
    super(scope, id);
    this.props = props;
    this.model = props.port;
    this.productId = props.productId;
    this.database = props.database.name;
    const port = props.port;
    const format = FORMATS[port.format];
    const toColumn = (c: OutputPortModel['columns'][number]) => ({ name: c.name, type: c.type, ...(c.description ? { comment: c.description } : {}) });
    this.table = new GlueCatalogTable(this, 'table', {
      name: port.tableName,
      databaseName: this.database,
      description: port.description,
      tableType: 'EXTERNAL_TABLE',
      parameters: { EXTERNAL: 'TRUE', classification: port.format },
      storageDescriptor: {
        location: `s3://${props.location.bucket}/${props.location.prefix}/${port.name}/`,
        inputFormat: format.input,
        outputFormat: format.output,
        serDeInfo: { serializationLibrary: format.serde, parameters: format.parameters },
        columns: port.columns.filter((c) => !c.partitionKey).map(toColumn),
      },
      partitionKeys: port.columns.filter((c) => c.partitionKey).map(toColumn),
      dependsOn: [props.database.tags.resource],
      // Dropping the table would break every consumer; removing it must be a deliberate change.
      lifecycle: { preventDestroy: true },
    });
    this.tagColumns();
  }

  /** Grants read access; with `rows`, through a data cells filter; with `columns` only, on those columns by name. */
  grantRead(grantee: IGrantable, options: ReadGrantOptions = {}): PortGrant {
    return this.grant(grantee, 'read', options);
  }

  /** Grants read and write on the whole table (Engineers, Owners) and write on the product's storage. */
  grantWrite(grantee: IGrantable): PortGrant {
    return this.grant(grantee, 'write', {});
  }

  /** Grants administration with the grant option (Owners). */
  grantAdmin(grantee: IGrantable): PortGrant {
    return this.grant(grantee, 'admin', {});
  }

  /** Grants `level`; the `grantRead`/`grantWrite`/`grantAdmin` shorthands read better in code. */
  grant(grantee: IGrantable, level: AccessLevel, options: ReadGrantOptions): PortGrant {
    const principal = grantee.grantPrincipal;
    if (level !== 'read' && (options.columns !== undefined || options.rows !== undefined)) {
      throw new Error(`${this.productId}/${this.model.name}: a ${level} grant cannot limit columns or rows`);
    }
    const columns = principal.readableColumns(this.model, options.columns);
    const base = { port: this, principalArn: principal.arn, level, columns };
    if (columns.length === 0) return { ...base, mechanism: 'none' };
    principal.allowDatabase(this.props.database, level);
    if (level !== 'read') principal.allowWriteTo(this.props.location);

    const tag = options.columns === undefined && options.rows === undefined ? principal.wholeTableTag(this.productId, level) : undefined;
    if (tag !== undefined) {
      this.tagTable(tag.key, tag.values[0]);
      principal.allowByTags(level);
      return { ...base, mechanism: 'lf-tag' };
    }
    if (level === 'read' && options.rows !== undefined) {
      this.grantFilter(principal.arn, principal.filterSuffix, columns, options.rows, principal.role);
      return { ...base, mechanism: 'data-cells-filter' };
    }
    if (level === 'read') {
      // Columns listed by name, not the whole table: a column added later stays hidden until granted.
      new LakeformationPermissions(this, `columns-${principal.filterSuffix}`, {
        principal: principal.arn,
        tableWithColumns: { databaseName: this.database, name: this.model.tableName, columnNames: [...columns] },
        permissions: [...COLUMN_PERMISSIONS],
        dependsOn: [principal.role, this.table],
      });
      return { ...base, mechanism: 'named' };
    }
    new LakeformationPermissions(principal, `table-${this.productId}-${this.model.name}`, {
      principal: principal.arn,
      table: { databaseName: this.database, name: this.model.tableName },
      permissions: [...TABLE_PERMISSIONS[level]],
      dependsOn: [principal.role, this.table],
    });
    return { ...base, mechanism: 'named' };
  }

  private grantFilter(principalArn: string, suffix: string, columns: readonly string[], rows: string, role: ITerraformDependable): void {
    const name = fitName(`${this.model.tableName}-${suffix}`, 255);
    const tableCatalogId = this.props.environment.account;
    const filter = new LakeformationDataCellsFilter(this, `filter-${suffix}`, {
      tableData: [{
        databaseName: this.database,
        tableName: this.model.tableName,
        tableCatalogId,
        name,
        columnNames: [...columns],
        rowFilter: [{ filterExpression: rows }],
      }],
      dependsOn: [this.table],
    });
    new LakeformationPermissions(this, `filter-${suffix}-grant`, {
      principal: principalArn,
      dataCellsFilter: { databaseName: this.database, tableName: this.model.tableName, tableCatalogId, name },
      permissions: [...FILTER_PERMISSIONS],
      dependsOn: [role, filter],
    });
  }

  /**
   * Columns whose classification differs from the database default carry their own tags. They
   * only use keys the database carries too, so waiting for the table (made after the database's
   * tags, made after their definitions) orders them after the definitions.
   */
  private tagColumns(): void {
    const c = this.props.classification;
    const groups = new Map<string, { tags: { key: string; value: string }[]; columns: string[] }>();
    for (const col of this.model.columns) {
      const tags: { key: string; value: string }[] = [];
      if (col.level !== c.defaultLevel) tags.push({ key: LF_TAG.classification, value: col.level });
      for (const cls of col.classes) tags.push({ key: LF_TAG.classKey(cls), value: LF_TAG.yes });
      if (tags.length === 0) continue;
      const signature = tags.map((t) => `${t.key}=${t.value}`).join(',');
      const group = groups.get(signature) ?? { tags, columns: [] };
      group.columns.push(col.name);
      groups.set(signature, group);
    }
    [...groups.keys()].sort().forEach((signature, i) => {
      const g = groups.get(signature)!;
      new LakeformationResourceLfTags(this, `column-tags-${i}`, {
        tableWithColumns: { databaseName: this.database, name: this.model.tableName, columnNames: [...g.columns].sort() },
        lfTag: g.tags,
        dependsOn: [this.table],
      });
    });
  }

  /** Adds a table-level tag; the one tag assignment of the table is made on first use. */
  private tagTable(key: string, value: string): void {
    this.tableTags ??= new LfTagAssignment(this, 'table-tags', {
      target: { table: { databaseName: this.database, name: this.model.tableName } },
      resource: this.table,
      foundation: this.props.foundation,
    });
    this.tableTags.set(key, value);
  }
}

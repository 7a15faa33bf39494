import { OutputPort } from '../lib/model';
import { GlueCatalogTable, LakeformationResourceLfTags } from './aws';
import { Construct, ITerraformDependable } from './cdktf';
import { ExternalCatalog } from './external-catalog';
import { LakeFoundation } from './lake-foundation';
import { DataLocation, IGrantable, ProductDatabase } from './lake-principal';
import { LfTagAssignment } from './lf-tag-assignment';
import { LF_TAG } from '../lib/aws/lf-tag-ontology';
import { PortGrant } from './port-grant';
import { PortGrants, ReadGrantOptions } from './port-grants';

/** Hive storage settings per format. */
const FORMATS: Record<OutputPort['format'], { input: string; output: string; serde: string; parameters?: Record<string, string> }> = {
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

/** Props of {@link LakePort}. */
export interface LakePortProps {
  readonly productId: string;
  readonly port: OutputPort;
  /** The product's database; the table is made after its tags, which it inherits. */
  readonly database: ProductDatabase;
  readonly location: DataLocation;
}

/**
 * An output port: the Glue table consumers read, its columns tagged with their classification,
 * and its grants (`port.grants.read(role)`, or the shorthand `port.grantRead(role)`), which turn
 * access into Lake Formation permissions.
 */
export class LakePort extends Construct {
  readonly model: OutputPort;
  readonly productId: string;
  /** The product's database, as grants on the table need it. */
  readonly database: ProductDatabase;
  /** Where the product's data lives; write grants reach it. */
  readonly location: DataLocation;
  /** The Glue table, or undefined when it exists already (owner `external`): then it is tagged and granted by name. */
  readonly table?: GlueCatalogTable;
  /**
   * What grants and tags on the table wait for: the table, or for a table that exists already,
   * the database's tag assignment.
   */
  readonly tableDependency: ITerraformDependable;
  /** Read, write and administration grants on this port's table. */
  readonly grants: PortGrants;
  private readonly foundation: LakeFoundation;
  private tableTags?: LfTagAssignment;

  constructor(scope: Construct, id: string, props: LakePortProps) {
    super(scope, id);
    this.foundation = LakeFoundation.of(this);
    this.model = props.port;
    this.productId = props.productId;
    this.database = props.database;
    this.location = props.location;
    const port = props.port;
    const format = FORMATS[port.format];
    const toColumn = (c: OutputPort['columns'][number]) => ({
      name: c.name,
      type: c.type,
      ...(c.description ? { comment: c.description } : {}),
    });
    if (port.owner === 'external') {
      ExternalCatalog.of(this).addTable({
        database: this.database.name,
        name: port.tableName,
        columns: port.columns.map((c) => c.name),
      });
      this.tableDependency = props.database.tags.resource;
    } else {
      this.table = new GlueCatalogTable(this, 'table', {
        name: port.tableName,
        databaseName: this.database.name,
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
      this.tableDependency = this.table;
    }
    this.tagColumns();
    this.grants = new PortGrants(this);
  }

  /** Grants read access: `port.grants.read(grantee, options)`. */
  grantRead(grantee: IGrantable, options: ReadGrantOptions = {}): PortGrant {
    return this.grants.read(grantee, options);
  }

  /** Grants read and write on the whole table, and write on the product's storage: `port.grants.write(grantee)`. */
  grantWrite(grantee: IGrantable): PortGrant {
    return this.grants.write(grantee);
  }

  /** Grants administration with the grant option: `port.grants.admin(grantee)`. */
  grantAdmin(grantee: IGrantable): PortGrant {
    return this.grants.admin(grantee);
  }

  /**
   * Adds a table-level tag; the one tag assignment of the table is made on first use.
   * @internal used by {@link PortGrants}
   */
  tagTable(key: string, value: string): LfTagAssignment {
    this.tableTags ??= new LfTagAssignment(this, 'table-tags', {
      target: { table: { databaseName: this.database.name, name: this.model.tableName } },
      resource: this.tableDependency,
      foundation: this.foundation,
    });
    this.tableTags.set(key, value);
    return this.tableTags;
  }

  /**
   * Columns whose classification differs from the database default carry their own tags. They
   * only use keys the database carries too, so waiting for the table (made after the database's
   * tags, made after their definitions) orders them after the definitions.
   */
  private tagColumns(): void {
    const c = this.foundation.classification;
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
        tableWithColumns: { databaseName: this.database.name, name: this.model.tableName, columnNames: [...g.columns].sort() },
        lfTag: g.tags,
        dependsOn: [this.tableDependency],
      });
    });
  }
}

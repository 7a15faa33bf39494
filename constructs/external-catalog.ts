import { Construct, Lazy, TerraformLocal, TerraformStack } from './cdktf';

/** Name of the Terraform local that lists the catalog resources owned elsewhere. */
export const EXTERNAL_CATALOG_LOCAL = 'meshgrant_external_catalog';

/** A database that exists already: its name and where its data lives. */
export interface ExternalDatabase {
  readonly name: string;
  /** `s3://<bucket>/<prefix>/`. */
  readonly location: string;
}

/** A table that exists already, with the columns the spec declares for it. */
export interface ExternalTable {
  readonly database: string;
  readonly name: string;
  /** Data columns then partition keys, as declared. */
  readonly columns: readonly string[];
}

const CATALOGS = new WeakMap<TerraformStack, ExternalCatalog>();

/**
 * The databases and tables a stack tags and grants but does not create (owned by dbt, Glue jobs,
 * Spark...), written as one Terraform local, `meshgrant_external_catalog`. Terraform ignores it;
 * it makes the stack self-describing, so that readback knows these tables and their declared
 * columns without a `aws_glue_catalog_table` resource (whose absence is the point). The local is
 * made on the first declaration only: a stack without external resources is unchanged.
 */
export class ExternalCatalog extends Construct {
  /** The stack's external catalog, made on first use. */
  static of(scope: Construct): ExternalCatalog {
    const stack = TerraformStack.of(scope);
    let catalog = CATALOGS.get(stack);
    if (catalog === undefined) {
      catalog = new ExternalCatalog(stack, 'external-catalog');
      CATALOGS.set(stack, catalog);
    }
    return catalog;
  }

  private readonly databases = new Map<string, ExternalDatabase>();
  private readonly tables = new Map<string, ExternalTable>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const local = new TerraformLocal(
      this,
      'local',
      Lazy.anyValue({
        produce: () => ({
          databases: [...this.databases.keys()].sort().map((k) => this.databases.get(k)!),
          tables: [...this.tables.keys()].sort().map((k) => this.tables.get(k)!),
        }),
      }),
    );
    local.overrideLogicalId(EXTERNAL_CATALOG_LOCAL);
  }

  /** Declares a database the stack does not create. */
  addDatabase(database: ExternalDatabase): void {
    this.databases.set(database.name, database);
  }

  /** Declares a table the stack does not create. */
  addTable(table: ExternalTable): void {
    this.tables.set(`${table.database}\u0000${table.name}`, table);
  }
}

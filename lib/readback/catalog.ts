import { ResourceBody, TerraformStack, block, isObject, resourcesOf, strings, text } from './terraform-stack';

/** A Glue table of the stack and its readable columns. */
export interface CatalogTable {
  readonly database: string;
  readonly name: string;
  /** Data columns then partition keys, as declared. */
  readonly columns: readonly string[];
}

/** Terraform local listing the databases and tables a stack tags and grants without creating them. */
const EXTERNAL_CATALOG = 'meshgrant_external_catalog';

/**
 * The Glue databases and tables a stack declares: those it creates, and those it names in its
 * `meshgrant_external_catalog` local as existing already (owned by another tool), with their
 * declared columns. Entries of that local in another shape are left out, so that grants on them
 * read as grants on undeclared tables (not understood).
 */
export class Catalog {
  /** Sorted by database, then table name. */
  readonly tables: readonly CatalogTable[];
  /** Names of the databases the stack creates or declares as existing. */
  readonly databases: ReadonlySet<string>;
  private readonly byDatabase = new Map<string, CatalogTable[]>();
  private readonly byName = new Map<string, CatalogTable>();

  constructor(stack: TerraformStack) {
    const external = externalCatalog(stack);
    this.databases = new Set([
      ...resourcesOf(stack, 'aws_glue_catalog_database').map((d) => text(d.name) ?? ''),
      ...external.databases.map((d) => text(d.name) ?? ''),
    ]);
    this.tables = resourcesOf(stack, 'aws_glue_catalog_table')
      .map((t) => ({
        database: text(t.database_name) ?? '',
        name: text(t.name) ?? '',
        // Partition keys are columns too: Athena reads them and Lake Formation filters them.
        columns: [...columnNames(block(t.storage_descriptor)?.columns), ...columnNames(t.partition_keys)],
      }))
      .concat(
        external.tables
          .filter((t) => typeof t.database === 'string' && typeof t.name === 'string' && Array.isArray(t.columns))
          .map((t) => ({ database: text(t.database)!, name: text(t.name)!, columns: strings(t.columns) })),
      )
      .sort((a, b) => compare(a.database, b.database) || compare(a.name, b.name));
    // Indexed once: grants, filters and tag assignments look tables up by name thousands of times.
    for (const t of this.tables) {
      this.byName.set(`${t.database}\u0000${t.name}`, t);
      this.byDatabase.set(t.database, [...(this.byDatabase.get(t.database) ?? []), t]);
    }
  }

  /** The table `database.name`, or undefined when the stack does not declare it. */
  table(database: string, name: string): CatalogTable | undefined {
    return this.byName.get(`${database}\u0000${name}`);
  }

  /** Every table of a database. */
  tablesOf(database: string): CatalogTable[] {
    return [...(this.byDatabase.get(database) ?? [])];
  }
}

/** The stack's `meshgrant_external_catalog` local: its database and table entries that are objects. */
export function externalCatalog(stack: TerraformStack): { databases: ResourceBody[]; tables: ResourceBody[] } {
  const locals = isObject(stack.json) ? (stack.json as { locals?: unknown }).locals : undefined;
  const declared = isObject(locals) ? locals[EXTERNAL_CATALOG] : undefined;
  const entries = (v: unknown): ResourceBody[] => (Array.isArray(v) ? v.filter(isObject) : []);
  return isObject(declared) ? { databases: entries(declared.databases), tables: entries(declared.tables) } : { databases: [], tables: [] };
}

function columnNames(columns: unknown): string[] {
  return Array.isArray(columns) ? columns.map((c) => text((c as ResourceBody).name)).filter((n): n is string => n !== undefined) : [];
}

/** Plain code-point order, so results do not depend on the locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

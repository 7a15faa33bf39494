import { ResourceBody, TerraformStack, block, resourcesOf, text } from './terraform-stack';

/** A Glue table of the stack and its readable columns. */
export interface CatalogTable {
  readonly database: string;
  readonly name: string;
  /** Data columns then partition keys, as declared. */
  readonly columns: readonly string[];
}

/** The Glue tables a stack declares. */
export class Catalog {
  /** Sorted by database, then table name. */
  readonly tables: readonly CatalogTable[];
  private readonly byDatabase = new Map<string, CatalogTable[]>();
  private readonly byName = new Map<string, CatalogTable>();

  constructor(stack: TerraformStack) {
    this.tables = resourcesOf(stack, 'aws_glue_catalog_table')
      .map((t) => ({
        database: text(t.database_name) ?? '',
        name: text(t.name) ?? '',
        // Partition keys are columns too: Athena reads them and Lake Formation filters them.
        columns: [...columnNames(block(t.storage_descriptor)?.columns), ...columnNames(t.partition_keys)],
      }))
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

function columnNames(columns: unknown): string[] {
  return Array.isArray(columns) ? columns.map((c) => text((c as ResourceBody).name)).filter((n): n is string => n !== undefined) : [];
}

/** Plain code-point order, so results do not depend on the locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

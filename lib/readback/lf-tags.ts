import { Catalog, CatalogTable } from './catalog';
import { StackProblems } from './readback-problems';
import { ResourceBody, TerraformStack, block, resourceList, resourcesOf, strings, text } from './terraform-stack';

/** LF-tags on one resource: key -> value (a resource holds one value per key). */
export type LfTags = ReadonlyMap<string, string>;

/** Columns of one table that carry the same effective tags. */
export interface TagGroup {
  readonly tags: LfTags;
  /** In table order. */
  readonly columns: string[];
}

/** A table's columns by tag group: the groups, and the group of each column (by column position). */
export interface TagGroups {
  readonly groups: readonly TagGroup[];
  readonly groupOfColumn: readonly number[];
}

/** Key prefix of the tags that mark a column's classes: `class-pii = yes`. */
const CLASS_KEY_PREFIX = 'class-';

/** Lake Formation stores LF-tag keys and values in lower case, whatever was written. */
export function lfTagText(s: string): string {
  return s.toLowerCase();
}

/**
 * The LF-tags of a stack's catalog: definitions (`aws_lakeformation_lf_tag`) and assignments
 * (`aws_lakeformation_resource_lf_tags`) on databases, tables and columns. A column's tags are
 * its database's, overridden by its table's, overridden by its own: Lake Formation lets a child
 * override an inherited value by assigning another value to the key (AWS Lake Formation
 * Developer Guide, "Assigning LF-Tags to Data Catalog resources").
 */
export class CatalogTags {
  private readonly onDatabase = new Map<string, Map<string, string>>();
  private readonly onTable = new Map<string, Map<string, string>>();
  /** A column's own tags, with the assignments they came from (`3,17`): columns of one table tagged alike share a tag group. */
  private readonly onColumn = new Map<string, { assignments: string; tags: Map<string, string> }>();
  private readonly groupsOf = new Map<CatalogTable, TagGroups>();
  /** Tables by LF-tag key and value any of their columns carries, for the keys asked about so far. */
  private readonly tablesByTag = new Map<string, Map<string, Set<CatalogTable>>>();
  /** `tablesWith` answers, by condition: the grants of every role ask about the same few. */
  private readonly tablesByCondition = new Map<string, ReadonlySet<CatalogTable>>();
  private readonly classesOf = new Map<CatalogTable, ReadonlyMap<string, readonly string[]>>();

  /** @param problems receives assignments that cannot deploy (undefined key or value) */
  constructor(
    stack: TerraformStack,
    private readonly catalog: Catalog,
    problems: StackProblems,
  ) {
    const defined = new Map<string, Set<string>>();
    for (const t of resourcesOf(stack, 'aws_lakeformation_lf_tag')) {
      const key = text(t.key);
      if (key !== undefined) defined.set(lfTagText(key), new Set(strings(t.values).map(lfTagText)));
    }
    const databases = catalog.databases;
    resourceList(stack, 'aws_lakeformation_resource_lf_tags').forEach(({ address, body: r }, index) => {
      const pairs = tagPairs(r.lf_tag).filter(([k, v]) => {
        if (defined.get(k)?.has(v)) return true;
        problems.note(address, `LF-tag ${k}=${v} is assigned but not defined in the stack; the assignment cannot deploy`);
        return false;
      });
      const undeclared = this.undeclaredTarget(r, databases);
      if (undeclared !== undefined)
        problems.notUnderstood(
          address,
          `tags ${undeclared}, which the stack does not declare; what tag-based grants reach there is unknown`,
        );
      this.assign(r, pairs, index);
    });
  }

  /**
   * The columns of a table grouped by their effective tags (computed once per table): a table has
   * many columns but few distinct tag sets, so expressions are matched per group, not per column.
   */
  tagGroups(table: CatalogTable): TagGroups {
    const known = this.groupsOf.get(table);
    if (known !== undefined) return known;
    const inherited = new Map([
      ...(this.onDatabase.get(table.database) ?? []),
      ...(this.onTable.get(tableKey(table.database, table.name)) ?? []),
    ]);
    const groups: TagGroup[] = [];
    const bySource = new Map<string, number>();
    const groupOfColumn = table.columns.map((column) => {
      const own = this.onColumn.get(columnKey(table.database, table.name, column));
      const source = own?.assignments ?? '';
      let group = bySource.get(source);
      if (group === undefined) {
        group = groups.length;
        bySource.set(source, group);
        groups.push({ tags: own === undefined ? inherited : new Map([...inherited, ...own.tags]), columns: [] });
      }
      groups[group].columns.push(column);
      return group;
    });
    const computed = { groups, groupOfColumn };
    this.groupsOf.set(table, computed);
    return computed;
  }

  /**
   * Tables with at least one column whose effective value for `key` is one of `values`: the only
   * tables a tag expression with that condition can reach (indexed once, so that matching every
   * grant against every table does not grow with their product).
   */
  tablesWith(key: string, values: readonly string[]): ReadonlySet<CatalogTable> {
    const condition = JSON.stringify([key, values]);
    const known = this.tablesByCondition.get(condition);
    if (known !== undefined) return known;
    // Indexed per key when first asked: expressions start with a few keys (product, purposes).
    let byValue = this.tablesByTag.get(key);
    if (byValue === undefined) {
      byValue = new Map();
      this.tablesByTag.set(key, byValue);
      for (const table of this.catalog.tables) {
        for (const { tags } of this.tagGroups(table).groups) {
          const v = tags.get(key);
          if (v === undefined) continue;
          const set = byValue.get(v) ?? new Set<CatalogTable>();
          byValue.set(v, set.add(table));
        }
      }
    }
    const out = new Set<CatalogTable>();
    for (const v of values) for (const t of byValue.get(v) ?? []) out.add(t);
    this.tablesByCondition.set(condition, out);
    return out;
  }

  /**
   * Classes of each column of a table that has any: the `<c>` of every `class-<c> = yes` tag it
   * carries (docs/aws-mapping.md), sorted. Computed once per table.
   */
  columnClasses(table: CatalogTable): ReadonlyMap<string, readonly string[]> {
    const known = this.classesOf.get(table);
    if (known !== undefined) return known;
    const out = new Map<string, string[]>();
    for (const { columns, tags } of this.tagGroups(table).groups) {
      const classes = [...tags]
        .filter(([k, v]) => k.startsWith(CLASS_KEY_PREFIX) && v === 'yes')
        .map(([k]) => k.slice(CLASS_KEY_PREFIX.length))
        .sort();
      if (classes.length > 0) for (const column of columns) out.set(column, classes);
    }
    this.classesOf.set(table, out);
    return out;
  }

  /** Effective tags of a database (what its tables and columns inherit). */
  databaseTags(database: string): LfTags {
    return this.onDatabase.get(database) ?? new Map();
  }

  /** Records one assignment's tags on the database, tables or columns it targets. */
  private assign(r: ResourceBody, pairs: readonly [string, string][], index: number): void {
    const set = (tags: Map<string, string>) => {
      for (const [k, v] of pairs) tags.set(k, v);
      return tags;
    };
    const db = block(r.database);
    if (db !== undefined) {
      const name = text(db.name) ?? '';
      this.onDatabase.set(name, set(this.onDatabase.get(name) ?? new Map()));
      return;
    }
    const table = block(r.table);
    if (table !== undefined) {
      const database = text(table.database_name) ?? '';
      const names = table.wildcard === true ? this.catalog.tablesOf(database).map((t) => t.name) : [text(table.name) ?? ''];
      for (const n of names) this.onTable.set(tableKey(database, n), set(this.onTable.get(tableKey(database, n)) ?? new Map()));
      return;
    }
    const cols = block(r.table_with_columns);
    if (cols === undefined) return;
    const database = text(cols.database_name) ?? '';
    const name = text(cols.name) ?? '';
    for (const c of selectColumns(this.catalog.table(database, name)?.columns ?? [], cols)) {
      const key = columnKey(database, name, c);
      const own = this.onColumn.get(key);
      if (own === undefined) this.onColumn.set(key, { assignments: String(index), tags: set(new Map()) });
      else this.onColumn.set(key, { assignments: `${own.assignments},${index}`, tags: set(own.tags) });
    }
  }

  /** The database or table an assignment tags when the stack does not declare it. */
  private undeclaredTarget(r: ResourceBody, databases: ReadonlySet<string | undefined>): string | undefined {
    const db = block(r.database);
    if (db !== undefined) return databases.has(text(db.name)) ? undefined : `database ${text(db.name)}`;
    const table = block(r.table) ?? block(r.table_with_columns);
    if (table === undefined) return undefined;
    const [database, name] = [text(table.database_name) ?? '', text(table.name) ?? ''];
    if (table.wildcard === true) return databases.has(database) ? undefined : `database ${database}`;
    return this.catalog.table(database, name) === undefined ? `table ${database}.${name}` : undefined;
  }
}

/**
 * The columns a `table_with_columns` block (or a data cells filter) names: `column_names`, or
 * with `wildcard`/`column_wildcard` every column but `excluded_column_names`.
 */
export function selectColumns(all: readonly string[], spec: ResourceBody): string[] {
  const wildcard = spec.wildcard === true || spec.column_wildcard !== undefined;
  if (!wildcard) return strings(spec.column_names).filter((c) => all.includes(c));
  const excluded = strings(spec.excluded_column_names ?? block(spec.column_wildcard)?.excluded_column_names);
  return all.filter((c) => !excluded.includes(c));
}

function tagPairs(value: unknown): [string, string][] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list
    .map((t) => [text((t as ResourceBody).key), text((t as ResourceBody).value)] as const)
    .filter((p): p is readonly [string, string] => p[0] !== undefined && p[1] !== undefined)
    .map(([k, v]) => [lfTagText(k), lfTagText(v)]);
}

const tableKey = (database: string, table: string) => `${database}\u0000${table}`;
const columnKey = (database: string, table: string, column: string) => `${database}\u0000${table}\u0000${column}`;

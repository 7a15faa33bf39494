import { Catalog, CatalogTable } from './catalog';
import { CatalogTags, selectColumns } from './lf-tags';
import { matchesExpression, readExpression } from './tag-expression';
import { StackProblems } from './readback-problems';
import { ResourceBody, TerraformStack, block, resourceList, resourcesOf, strings, text } from './terraform-stack';

/** What one Lake Formation permission resource gives one principal on one table. */
export interface TableGrant {
  readonly principal: string;
  readonly table: CatalogTable;
  /** Readable columns (may be empty: DESCRIBE only). */
  readonly columns: readonly string[];
  /** Row filter; undefined means all rows. */
  readonly rows?: string;
  readonly permissions: readonly string[];
  readonly grantable: readonly string[];
}

/** Permissions that survive when an LF-tag expression matches only some columns of a table. */
const PARTIAL_MATCH_PERMISSIONS = ['DESCRIBE', 'SELECT'];

/**
 * Every table access the stack's `aws_lakeformation_permissions` give: by name (`table`,
 * `table_with_columns`, `data_cells_filter`) and by LF-tag policy on tables. Database, data
 * location and LF-tag permissions give no table access and are not listed.
 * @param problems receives grants on resources the stack does not declare: access to them is unknown
 * @param keep when given, only the grants it keeps are worked out (problems are found in full)
 */
export function readTableGrants(
  stack: TerraformStack,
  catalog: Catalog,
  tags: CatalogTags,
  problems: StackProblems,
  keep: (principal: string, table: CatalogTable) => boolean = () => true,
): TableGrant[] {
  const filters = new Map(
    resourcesOf(stack, 'aws_lakeformation_data_cells_filter').map((f) => {
      const d = block(f.table_data) ?? {};
      return [filterKey(text(d.database_name), text(d.table_name), text(d.name)), d] as const;
    }),
  );
  const out: TableGrant[] = [];
  for (const { address, body: p } of resourceList(stack, 'aws_lakeformation_permissions')) {
    const principal = text(p.principal) ?? '';
    const base = { principal, permissions: strings(p.permissions).sort(), grantable: strings(p.permissions_with_grant_option).sort() };
    const missing = (what: string) =>
      problems.notUnderstood(address, `permission for ${principal} names ${what}, which the stack does not declare`);
    const table = (database: string | undefined, name: string | undefined) => {
      const t = catalog.table(database ?? '', name ?? '');
      if (t === undefined) missing(`table ${database}.${name}`);
      return t;
    };

    const named = block(p.table);
    const withColumns = block(p.table_with_columns);
    const cells = block(p.data_cells_filter);
    const tagPolicy = block(p.lf_tag_policy);
    if (named !== undefined) {
      const tables =
        named.wildcard === true ? catalog.tablesOf(text(named.database_name) ?? '') : [table(text(named.database_name), text(named.name))];
      for (const t of tables) if (t !== undefined && keep(principal, t)) out.push({ ...base, table: t, columns: t.columns });
    } else if (withColumns !== undefined) {
      const t = table(text(withColumns.database_name), text(withColumns.name));
      if (t !== undefined && keep(principal, t))
        out.push({ ...base, permissions: withDescribe(base.permissions), table: t, columns: selectColumns(t.columns, withColumns) });
    } else if (cells !== undefined) {
      const filter = filters.get(filterKey(text(cells.database_name), text(cells.table_name), text(cells.name)));
      const t = table(text(cells.database_name), text(cells.table_name));
      if (filter === undefined) missing(`data cells filter ${text(cells.name)}`);
      else if (t !== undefined && keep(principal, t))
        out.push({ ...base, table: t, columns: selectColumns(t.columns, filter), rows: rowFilter(filter) });
    } else if (tagPolicy !== undefined && text(tagPolicy.resource_type) === 'TABLE') {
      out.push(...tagPolicyGrants(base, readExpression(tagPolicy.expression), tags, (t) => keep(principal, t)));
    }
  }
  return out;
}

/**
 * A TABLE tag-policy grant, matched column by column: a column is readable when its effective
 * tags satisfy the expression, and a table is reached when at least one column is. When only
 * some columns match, Lake Formation keeps SELECT on those and DESCRIBE, and drops ALTER, DROP,
 * INSERT and DELETE (shared/AWS-MAPPING.md, from "Lake Formation tag-based access control
 * notes and restrictions").
 */
function tagPolicyGrants(
  base: Pick<TableGrant, 'principal' | 'permissions' | 'grantable'>,
  expression: ReturnType<typeof readExpression>,
  tags: CatalogTags,
  inScope: (table: CatalogTable) => boolean,
): TableGrant[] {
  const out: TableGrant[] = [];
  if (expression.length === 0) return out;
  // Only tables carrying the first condition can match: looked up, not scanned, so that every
  // grant does not walk every table.
  for (const table of tags.tablesWith(expression[0].key, expression[0].values)) {
    if (!inScope(table)) continue;
    // Matched once per group of alike-tagged columns, not per column.
    const { groups, groupOfColumn } = tags.tagGroups(table);
    const matched = groups.map((g) => matchesExpression(expression, g.tags));
    if (!matched.includes(true)) continue;
    const columns = matched.every(Boolean) ? table.columns : table.columns.filter((_, i) => matched[groupOfColumn[i]]);
    const whole = columns.length === table.columns.length;
    const keep = (ps: readonly string[]) => (whole ? [...ps] : ps.filter((x) => PARTIAL_MATCH_PERMISSIONS.includes(x)));
    const permissions = keep(base.permissions);
    if (!whole && !permissions.includes('DESCRIBE')) permissions.push('DESCRIBE');
    out.push({ principal: base.principal, table, columns, permissions: permissions.sort(), grantable: keep(base.grantable) });
  }
  return out;
}

/**
 * A grant on named columns takes SELECT only, and SELECT on columns lets the principal see the
 * table with those columns (Athena and the Glue API list exactly the columns it may select), as
 * DESCRIBE would: the columns grant counts as DESCRIBE and SELECT. Its grant option stays on
 * SELECT: granting DESCRIBE to others takes DESCRIBE with the grant option.
 */
function withDescribe(permissions: readonly string[]): string[] {
  return permissions.includes('SELECT') && !permissions.includes('DESCRIBE') ? [...permissions, 'DESCRIBE'].sort() : [...permissions];
}

/**
 * `filter_expression` as Terraform sends it (its template escapes `$${` and `%%{` read as `${`
 * and `%{`), or undefined for `all_rows_wildcard` (every row).
 */
function rowFilter(filter: ResourceBody): string | undefined {
  return text(block(filter.row_filter)?.filter_expression)?.replace(/([$%])\1\{/g, '$1{');
}

const filterKey = (database?: string, table?: string, name?: string) => `${database}\u0000${table}\u0000${name}`;

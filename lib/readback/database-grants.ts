import { CatalogTags } from './lf-tags';
import { matchesExpression, readExpression } from './tag-expression';
import { TerraformStack, block, resourcesOf, strings, text } from './terraform-stack';

/** The database Athena resolves unqualified names in: every query needs DESCRIBE on it. */
const ATHENA_DEFAULT_DATABASE = 'default';

/**
 * Which databases each principal may see (DESCRIBE), which a query needs besides its table
 * permissions: Athena and the Glue catalog API resolve the database before the table.
 * A principal sees a database through
 * - a `database` grant with DESCRIBE (or ALL);
 * - a `table` grant with `wildcard = true` on it (implicit DESCRIBE, "Granting table permissions
 *   using the named resource method", AWS Lake Formation Developer Guide);
 * - an `lf_tag_policy` grant of resource type DATABASE whose expression the database's own
 *   LF-tags satisfy. Tag-based table grants give no implicit DESCRIBE on the database.
 */
export class DatabaseGrants {
  private readonly named = new Set<string>();
  private readonly byTags = new Map<string, ReturnType<typeof readExpression>[]>();

  constructor(
    stack: TerraformStack,
    private readonly tags: CatalogTags,
  ) {
    for (const p of resourcesOf(stack, 'aws_lakeformation_permissions')) {
      const principal = text(p.principal) ?? '';
      const describes = [...strings(p.permissions), ...strings(p.permissions_with_grant_option)].some(
        (x) => x === 'DESCRIBE' || x === 'ALL',
      );
      const database = block(p.database);
      const table = block(p.table);
      const tagPolicy = block(p.lf_tag_policy);
      if (database !== undefined && describes) this.named.add(key(principal, text(database.name) ?? ''));
      else if (table !== undefined && table.wildcard === true) this.named.add(key(principal, text(table.database_name) ?? ''));
      else if (tagPolicy !== undefined && text(tagPolicy.resource_type) === 'DATABASE' && describes) {
        this.byTags.set(principal, [...(this.byTags.get(principal) ?? []), readExpression(tagPolicy.expression)]);
      }
    }
  }

  /** True when `principal` may DESCRIBE `database`. */
  private canDescribe(principal: string, database: string): boolean {
    if (this.named.has(key(principal, database))) return true;
    const tags = this.tags.databaseTags(database);
    return (this.byTags.get(principal) ?? []).some((expression) => matchesExpression(expression, tags));
  }

  /**
   * What `principal` lacks to query a table of `database` through Athena, as
   * `DESCRIBE on database <name>`: that database and the `default` one.
   */
  missingToQuery(principal: string, database: string): readonly string[] {
    // The common answer first, without building anything: both visible.
    if (this.canDescribe(principal, database) && this.canDescribe(principal, ATHENA_DEFAULT_DATABASE)) return NOTHING;
    return [...new Set([database, ATHENA_DEFAULT_DATABASE])]
      .filter((d) => !this.canDescribe(principal, d))
      .map((d) => `DESCRIBE on database ${d}`);
  }
}

/** Nothing missing, shared by every query that lacks nothing. */
const NOTHING: readonly string[] = [];

const key = (principal: string, database: string) => `${principal}\u0000${database}`;

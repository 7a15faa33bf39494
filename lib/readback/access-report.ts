import { Catalog, CatalogTable, compare } from './catalog';
import { DatabaseGrants } from './database-grants';
import { AccessPrincipal, EffectiveAccess } from './effective-access';
import { deniedActions, requiredActions, roleStatements } from './iam-access';
import { IAM_ONLY_PRINCIPAL, IamOpenReason, iamOpenTables } from './iam-open';
import { CatalogTags } from './lf-tags';
import { externalPrincipal, readRoles } from './principals';
import { ReadbackProblem, StackProblems } from './readback-problems';
import { TableGrant, readTableGrants } from './table-grants';
import { readEnvironmentStacks } from './environment-stacks';
import { TerraformStack, stackTarget } from './terraform-stack';
import { checkStackShape } from './understood-shapes';

export type { ReadbackProblem } from './readback-problems';

/** Table access Lake Formation grants but the principal cannot use in a query. */
export interface BlockedAccess {
  /** What the principal would have, were nothing missing. */
  readonly access: EffectiveAccess;
  /** Required IAM actions the role's policies do not allow, as `action on resource`. */
  readonly deniedActions: readonly string[];
  /**
   * Lake Formation permissions a query also needs and the principal lacks, as
   * `DESCRIBE on database <name>` (the table's database, and `default` for Athena).
   */
  readonly missingPermissions: readonly string[];
}

/** A table IAM principals can still read without any Lake Formation grant (hybrid access mode). */
export interface IamOpenAccess {
  readonly environment: string;
  readonly stack: string;
  readonly database: string;
  readonly table: string;
  /** `dataproduct` LF-tag of the table's database, when it has one. */
  readonly product?: string;
  /** Sorted. */
  readonly reasons: readonly IamOpenReason[];
}

/** Everything read back from synthesized Terraform. */
export interface AccessReport {
  /** Effective access: granted by Lake Formation, usable under IAM, its databases visible. Sorted. */
  readonly access: readonly EffectiveAccess[];
  /** Lake Formation table grants that IAM or a missing database permission make unusable. Sorted like `access`. */
  readonly blocked: readonly BlockedAccess[];
  /**
   * Tables also open to IAM-only access, sorted by environment, stack, database and table. Their
   * access lists `IAM_ALLOWED_PRINCIPALS` too (every column, all rows, `ALL`): effective access
   * there is wider than the Lake Formation grants.
   */
  readonly iamOpen: readonly IamOpenAccess[];
  /** Environments with a stack in the output, sorted (an environment may hold no access). */
  readonly environments: readonly string[];
  /**
   * What the stacks say that cannot deploy or that readback does not understand, per stack, in
   * stack order. Those that `mayWiden` make the report possibly narrower than what deploys.
   */
  readonly problems: readonly ReadbackProblem[];
}

/**
 * Reads a cdktf output (`<outdir>/stacks/*\/cdk.tf.json`, one stack folder, or one JSON file) and
 * works out who can read what: every principal's access per table, with columns, rows,
 * permissions and grant option, split by whether the principal can use it in a query (IAM
 * allows it and Lake Formation lets it see the databases).
 */
export function readAccessReport(outdir: string): AccessReport {
  const access: EffectiveAccess[] = [];
  const blocked: BlockedAccess[] = [];
  const iamOpen: IamOpenAccess[] = [];
  const problems: ReadbackProblem[] = [];
  const environments = new Set<string>();
  for (const stack of readEnvironmentStacks(outdir)) {
    const { environment } = stackTarget(stack);
    environments.add(environment);
    const found = new StackProblems(stack.name, environment);
    const result = stackAccess(stack, found);
    access.push(...result.access);
    blocked.push(...result.blocked);
    iamOpen.push(...result.iamOpen);
    problems.push(...found.list);
  }
  return {
    access: access.sort(compareAccess),
    blocked: blocked.sort((a, b) => compareAccess(a.access, b.access)),
    iamOpen: iamOpen.sort(
      (a, b) =>
        compare(a.environment, b.environment) || compare(a.stack, b.stack) || compare(a.database, b.database) || compare(a.table, b.table),
    ),
    environments: [...environments].sort(compare),
    problems,
  };
}

function stackAccess(
  stack: TerraformStack,
  problems: StackProblems,
): { access: EffectiveAccess[]; blocked: BlockedAccess[]; iamOpen: IamOpenAccess[] } {
  checkStackShape(stack, problems);
  const target = stackTarget(stack);
  const catalog = new Catalog(stack);
  const tags = new CatalogTags(stack, catalog, problems);
  const roles = readRoles(stack, target.account, problems);
  const databases = new DatabaseGrants(stack, tags);
  const access: EffectiveAccess[] = [];
  const blocked: BlockedAccess[] = [];
  // What IAM must allow is the same for every principal on a table: built once per table.
  const required = new Map<CatalogTable, ReturnType<typeof requiredActions>>();
  for (const grants of groupByPrincipalAndTable(readTableGrants(stack, catalog, tags, problems))) {
    const { principal: arn, table } = grants[0];
    const role = roles.get(arn);
    const principal: AccessPrincipal = role?.principal ?? externalPrincipal(arn);
    const product = tags.databaseTags(table.database).get('dataproduct');
    const merged = merge(grants);
    const classes = tags.columnClasses(table);
    const columnClasses = Object.fromEntries(merged.columns.filter((c) => classes.has(c)).map((c) => [c, classes.get(c)!]));
    const entry: EffectiveAccess = {
      environment: target.environment,
      stack: stack.name,
      account: target.account,
      principal,
      database: table.database,
      table: table.name,
      ...(product !== undefined ? { product } : {}),
      ...merged,
      ...(Object.keys(columnClasses).length > 0 ? { columnClasses } : {}),
      ...(principal.purpose !== undefined ? { purpose: principal.purpose } : {}),
    };
    // Principals declared outside the stack may hold IAM policies and database grants readback
    // cannot see: their table grants are taken as usable, which errs on the side of reporting them.
    const statements =
      role === undefined
        ? undefined
        : roleStatements(
            role,
            (p) =>
              typeof p.document === 'object' &&
              problems.notUnderstood(
                p.address,
                `policy ${p.name} of role ${role.principal.roleName} is in a shape readback does not evaluate; what it allows is unknown`,
              ),
          );
    let needed = required.get(table);
    if (needed === undefined) {
      needed = requiredActions(target.region, target.account, table.database, table.name);
      required.set(table, needed);
    }
    const denied = deniedActions(statements, needed);
    const missing = role === undefined ? [] : databases.missingToQuery(arn, table.database);
    if (denied.length === 0 && missing.length === 0) access.push(entry);
    else blocked.push({ access: entry, deniedActions: denied, missingPermissions: missing });
  }
  const iamOpen: IamOpenAccess[] = [];
  for (const { table, reasons } of iamOpenTables(stack, catalog)) {
    const product = tags.databaseTags(table.database).get('dataproduct');
    const where = { environment: target.environment, stack: stack.name, database: table.database, table: table.name };
    iamOpen.push({ ...where, ...(product !== undefined ? { product } : {}), reasons });
    const classes = tags.columnClasses(table);
    const columnClasses = Object.fromEntries(table.columns.filter((c) => classes.has(c)).map((c) => [c, classes.get(c)!]));
    access.push({
      environment: target.environment,
      stack: stack.name,
      account: target.account,
      principal: IAM_ONLY_PRINCIPAL,
      database: table.database,
      table: table.name,
      ...(product !== undefined ? { product } : {}),
      columns: [...table.columns].sort(compare),
      ...(Object.keys(columnClasses).length > 0 ? { columnClasses } : {}),
      permissions: ['ALL'],
      grantable: [],
    });
  }
  return { access, blocked, iamOpen };
}

function groupByPrincipalAndTable(grants: readonly TableGrant[]): TableGrant[][] {
  // By name, not by object: a stack may declare one table name twice.
  const groups = new Map<string, Map<string, TableGrant[]>>();
  for (const g of grants) {
    let byTable = groups.get(g.principal);
    if (byTable === undefined) groups.set(g.principal, (byTable = new Map()));
    const key = `${g.table.database}\u0000${g.table.name}`;
    const list = byTable.get(key);
    if (list === undefined) byTable.set(key, [g]);
    else list.push(g);
  }
  return [...groups.values()].flatMap((byTable) => [...byTable.values()]);
}

/**
 * Several grants of one principal on one table add up: permissions and columns are united. Rows
 * are all rows when a grant without row filter covers every column the others give; otherwise
 * the distinct filters are ORed (a slight over-approximation when grants differ in columns too:
 * Lake Formation unites cells, not rows).
 */
function merge(grants: readonly TableGrant[]): Pick<EffectiveAccess, 'columns' | 'rows' | 'permissions' | 'grantable'> {
  const union = (pick: (g: TableGrant) => readonly string[]) =>
    (grants.length === 1 ? [...pick(grants[0])] : [...new Set(grants.flatMap(pick))]).sort(compare);
  const columns = union((g) => g.columns);
  const allRows = grants.some(
    (g) => g.rows === undefined && (g.columns.length === columns.length || columns.every((c) => g.columns.includes(c))),
  );
  const filters = [...new Set(grants.map((g) => g.rows).filter((r): r is string => r !== undefined))].sort(compare);
  const rows = allRows || filters.length === 0 ? undefined : filters.length === 1 ? filters[0] : filters.map((f) => `(${f})`).join(' OR ');
  return {
    columns,
    ...(rows !== undefined ? { rows } : {}),
    permissions: union((g) => g.permissions),
    grantable: union((g) => g.grantable),
  };
}

function compareAccess(a: EffectiveAccess, b: EffectiveAccess): number {
  return (
    compare(a.environment, b.environment) ||
    compare(a.stack, b.stack) ||
    compare(a.principal.arn, b.principal.arn) ||
    compare(a.database, b.database) ||
    compare(a.table, b.table)
  );
}

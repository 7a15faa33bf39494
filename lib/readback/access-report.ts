import { Catalog, CatalogTable, compare } from './catalog';
import { DatabaseGrants } from './database-grants';
import { AccessPrincipal, EffectiveAccess } from './effective-access';
import { IamRequest, QueryRequests, deniedActions, roleStatements } from './iam-access';
import { IAM_ONLY_PRINCIPAL, IamOpenReason, iamOpenTables } from './iam-open';
import { CatalogTags } from './lf-tags';
import { StackRole, externalPrincipal, readRoles } from './principals';
import { readIdentityPolicy } from './iam-policy';
import { AccessScope, changeScope, inScope } from './change-scope';
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
  return accessReportOf(readEnvironmentStacks(outdir));
}

/**
 * The access of two versions of a cdktf output, `before` and `after` a change, as far as it can
 * differ: each stack is compared with the stack of the same name on the other side resource by
 * resource (`changeScope`), and only the entries of the principals and tables the changed
 * resources touch are worked out, on both sides. Access outside that scope is the same on both
 * sides and left out of both; problems are listed in full. A stack without a counterpart, or
 * whose change readback cannot confine, is read whole.
 */
export function readChangedAccess(before: string, after: string): { before: AccessReport; after: AccessReport } {
  const [old, now] = [readEnvironmentStacks(before), readEnvironmentStacks(after)];
  const scopes = new Map<TerraformStack, AccessScope | undefined>();
  for (const a of old) {
    const b = now.find((s) => s.name === a.name);
    if (b === undefined) continue;
    const scope = changeScope(a, b);
    scopes.set(a, scope).set(b, scope);
  }
  const scopeOf = (stack: TerraformStack) => scopes.get(stack);
  return { before: accessReportOf(old, scopeOf), after: accessReportOf(now, scopeOf) };
}

/** The report of some stacks, each limited to its scope when it has one. */
function accessReportOf(
  stacks: readonly TerraformStack[],
  scopeOf: (stack: TerraformStack) => AccessScope | undefined = () => undefined,
): AccessReport {
  const access: EffectiveAccess[] = [];
  const blocked: BlockedAccess[] = [];
  const iamOpen: IamOpenAccess[] = [];
  const problems: ReadbackProblem[] = [];
  const environments = new Set<string>();
  for (const stack of stacks) {
    const { environment } = stackTarget(stack);
    environments.add(environment);
    const found = new StackProblems(stack.name, environment);
    const result = stackAccess(stack, found, scopeOf(stack));
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

/**
 * The access one stack gives; within `scope` only, when given (problems are found in full).
 */
function stackAccess(
  stack: TerraformStack,
  problems: StackProblems,
  given?: AccessScope,
): { access: EffectiveAccess[]; blocked: BlockedAccess[]; iamOpen: IamOpenAccess[] } {
  checkStackShape(stack, problems);
  const target = stackTarget(stack);
  const catalog = new Catalog(stack);
  const tags = new CatalogTags(stack, catalog, problems);
  const roles = readRoles(stack, target.account, problems);
  // A policy readback cannot evaluate is reported when an entry of its role is first read: with
  // entries left out, it could be reported in another order, or not at all, so the stack is read whole.
  const scope = given !== undefined && [...roles.values()].every(policiesEvaluate) ? given : undefined;
  const keep = scope && ((principal: string, table: CatalogTable) => inScope(scope, principal, table.database, table.name));
  const databases = new DatabaseGrants(stack, tags);
  const access: EffectiveAccess[] = [];
  const blocked: BlockedAccess[] = [];
  const facts = new TableFacts(target, tags);
  for (const grants of groupByPrincipalAndTable(readTableGrants(stack, catalog, tags, problems, keep))) {
    const { principal: arn, table } = grants[0];
    const role = roles.get(arn);
    const principal: AccessPrincipal = role?.principal ?? externalPrincipal(arn);
    const known = facts.of(table);
    const merged = merge(grants, known);
    const columnClasses = merged.columns === known.sortedColumns ? known.columnClasses : classesOf(merged.columns, known.classes);
    const entry: EffectiveAccess = {
      environment: target.environment,
      stack: stack.name,
      account: target.account,
      principal,
      database: table.database,
      table: table.name,
      ...(known.product !== undefined ? { product: known.product } : {}),
      ...merged,
      ...(columnClasses !== undefined ? { columnClasses } : {}),
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
    const denied = deniedActions(statements, known.required);
    const missing = role === undefined ? NOTHING_MISSING : databases.missingToQuery(arn, table.database);
    if (denied.length === 0 && missing.length === 0) access.push(entry);
    else blocked.push({ access: entry, deniedActions: denied, missingPermissions: missing });
  }
  const iamOpen: IamOpenAccess[] = [];
  for (const { table, reasons } of iamOpenTables(stack, catalog)) {
    if (keep !== undefined && !keep(IAM_ONLY_PRINCIPAL.arn, table)) continue;
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

/** True when readback evaluates every identity policy of the role (none is reported as not understood). */
function policiesEvaluate(role: StackRole): boolean {
  return role.policies.every((p) => typeof p.document !== 'object' || readIdentityPolicy(p.document) !== undefined);
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
function merge(grants: readonly TableGrant[], table: KnownTable): Pick<EffectiveAccess, 'columns' | 'rows' | 'permissions' | 'grantable'> {
  const union = (pick: (g: TableGrant) => readonly string[]) =>
    (grants.length === 1 ? [...pick(grants[0])] : [...new Set(grants.flatMap(pick))]).sort(compare);
  // Most grants reach every column: their sorted list is the table's, sorted once.
  const columns =
    table.sortedColumns !== undefined && grants.some((g) => g.columns === table.columns) ? table.sortedColumns : union((g) => g.columns);
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

/** What a query needs of IAM and Lake Formation misses nothing: the common answer, shared. */
const NOTHING_MISSING: readonly string[] = [];

/**
 * What every principal's entry on one table repeats, worked out once per table: its product, its
 * columns sorted, their classes, and what IAM must allow to query it.
 */
class TableFacts {
  private readonly known = new Map<CatalogTable, KnownTable>();
  private readonly requests: QueryRequests;

  constructor(
    target: { region: string; account: string },
    private readonly tags: CatalogTags,
  ) {
    this.requests = new QueryRequests(target.region, target.account);
  }

  of(table: CatalogTable): KnownTable {
    let facts = this.known.get(table);
    if (facts === undefined) {
      const classes = this.tags.columnClasses(table);
      const sorted = [...table.columns].sort(compare);
      facts = {
        columns: table.columns,
        ...(new Set(sorted).size === sorted.length ? { sortedColumns: sorted } : {}),
        classes,
        columnClasses: classesOf(sorted, classes),
        product: this.tags.databaseTags(table.database).get('dataproduct'),
        required: this.requests.of(table.database, table.name),
      };
      this.known.set(table, facts);
    }
    return facts;
  }
}

/** What {@link TableFacts} knows of one table. */
interface KnownTable {
  /** The table's columns, as the catalog lists them: grants of every column hold this very list. */
  readonly columns: readonly string[];
  /** Sorted; undefined when a column name repeats (a hand-edited stack), so that grants' own lists are merged instead. */
  readonly sortedColumns?: readonly string[];
  readonly classes: ReadonlyMap<string, readonly string[]>;
  /** The classes of every column that has any, or undefined when none has. */
  readonly columnClasses?: Readonly<Record<string, readonly string[]>>;
  readonly product?: string;
  /** What IAM must allow to query it. */
  readonly required: readonly IamRequest[];
}

/** The classes of those of `columns` that have any, as an entry lists them; undefined when none has. */
function classesOf(
  columns: readonly string[],
  classes: ReadonlyMap<string, readonly string[]>,
): Readonly<Record<string, readonly string[]>> | undefined {
  if (classes.size === 0) return undefined;
  const entries = columns.filter((c) => classes.has(c)).map((c) => [c, classes.get(c)!] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
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

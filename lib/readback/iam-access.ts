import { PolicyStatement, evaluateIdentityPolicies, readIdentityPolicy, statementsFor } from './iam-policy';
import { StackRole } from './principals';

/** One request IAM decides: an action on a resource ARN (`*` for actions without resource-level permissions). */
export interface IamRequest {
  readonly action: string;
  readonly resource: string;
}

/**
 * What a principal needs from IAM to query a table through Athena: Lake Formation vends data
 * only to callers allowed `lakeformation:GetDataAccess` (no resource-level permissions), and the
 * Glue catalog must let it read the table, which Glue checks on the catalog, the database and
 * the table ARNs alike.
 */
export function requiredActions(region: string, account: string, database: string, table: string): IamRequest[] {
  const requests = new QueryRequests(region, account);
  return [...requests.of(database, table)];
}

/**
 * The requests of queries on the tables of one catalog (`requiredActions`), built once each: every
 * table shares the `GetDataAccess` and catalog requests, every table of a database its database
 * request, so that a role's decisions on them are kept by request (see `deniedActions`).
 */
export class QueryRequests {
  private readonly glue: string;
  private readonly dataAccess: IamRequest;
  private readonly catalog: IamRequest;
  private readonly databases = new Map<string, IamRequest>();

  constructor(region: string, account: string) {
    this.glue = `arn:aws:glue:${region}:${account}`;
    this.dataAccess = { action: 'lakeformation:GetDataAccess', resource: '*' };
    this.catalog = { action: 'glue:GetTable', resource: `${this.glue}:catalog` };
  }

  /** The requests of a query on `database.table`. */
  of(database: string, table: string): readonly IamRequest[] {
    let onDatabase = this.databases.get(database);
    if (onDatabase === undefined)
      this.databases.set(database, (onDatabase = { action: 'glue:GetTable', resource: `${this.glue}:database/${database}` }));
    return [this.dataAccess, this.catalog, onDatabase, { action: 'glue:GetTable', resource: `${this.glue}:table/${database}/${table}` }];
  }
}

/** Each role's statements, read once (undefined when a policy is outside the shapes readback evaluates). */
const statementsOf = new WeakMap<
  StackRole,
  { statements?: PolicyStatement[]; byAction: Map<string, PolicyStatement[]>; decisions: Map<IamRequest, boolean> }
>();

/**
 * The statements of all the role's identity policies, or undefined when one of them is not in a
 * shape readback evaluates (see `readIdentityPolicy`); `notUnderstood` hears about that once.
 */
export function roleStatements(
  role: StackRole,
  notUnderstood: (policy: StackRole['policies'][number]) => void,
): RoleStatements | undefined {
  let known = statementsOf.get(role);
  if (known === undefined) {
    const read = role.policies.map((p) => ({ policy: p, statements: readIdentityPolicy(p.document) }));
    const unread = read.filter((r) => r.statements === undefined);
    unread.forEach((r) => notUnderstood(r.policy));
    const fresh = { byAction: new Map(), decisions: new Map() };
    known = unread.length > 0 ? fresh : { statements: read.flatMap((r) => r.statements!), ...fresh };
    statementsOf.set(role, known);
  }
  return known.statements === undefined ? undefined : (known as RoleStatements);
}

/**
 * A role's statements, those that match each action asked about (every table of a role asks
 * about the same two actions), and the decisions already taken, by request: every table of a
 * role asks about the same catalog and `GetDataAccess`, every table of a database about the
 * database (when the requests come from one `QueryRequests`).
 */
export interface RoleStatements {
  readonly statements: readonly PolicyStatement[];
  readonly byAction: Map<string, PolicyStatement[]>;
  readonly decisions: Map<IamRequest, boolean>;
}

/**
 * The required actions the role's identity policies do not allow (implicitly or explicitly
 * denied), as `action on resource`; empty when IAM lets the role read the table. Evaluated
 * directly on the few statement shapes meshgrant writes (no SCPs or permission boundaries: the
 * stack declares none); @cloud-copilot/iam-simulate is the oracle the tests compare it with.
 * @param statements undefined when a policy could not be read: nothing is taken as denied (fail closed)
 */
export function deniedActions(role: RoleStatements | undefined, required: readonly IamRequest[]): string[] {
  if (role === undefined) return [];
  const allowed = (request: IamRequest) => {
    let decision = role.decisions.get(request);
    if (decision === undefined) {
      let relevant = role.byAction.get(request.action);
      if (relevant === undefined) role.byAction.set(request.action, (relevant = statementsFor(role.statements, request.action)));
      // Only the statements of the action can decide: the same decision as over all of them.
      decision = evaluateIdentityPolicies(relevant, request.action, request.resource) === 'Allowed';
      role.decisions.set(request, decision);
    }
    return decision;
  };
  const denied: string[] = [];
  for (const r of required) if (!allowed(r)) denied.push(`${r.action} on ${r.resource}`);
  return denied;
}

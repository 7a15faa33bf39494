import { PolicyStatement, evaluateIdentityPolicies, readIdentityPolicy } from './iam-policy';
import { StackRole } from './principals';

/**
 * What a principal needs from IAM to query a table through Athena: Lake Formation vends data
 * only to callers allowed `lakeformation:GetDataAccess` (no resource-level permissions), and the
 * Glue catalog must let it read the table, which Glue checks on the catalog, the database and
 * the table ARNs alike.
 */
export function requiredActions(region: string, account: string, database: string, table: string): { action: string; resource: string }[] {
  const glue = `arn:aws:glue:${region}:${account}`;
  return [
    { action: 'lakeformation:GetDataAccess', resource: '*' },
    { action: 'glue:GetTable', resource: `${glue}:catalog` },
    { action: 'glue:GetTable', resource: `${glue}:database/${database}` },
    { action: 'glue:GetTable', resource: `${glue}:table/${database}/${table}` },
  ];
}

/** Each role's statements, read once (undefined when a policy is outside the shapes readback evaluates), and its decisions so far. */
const statementsOf = new WeakMap<StackRole, { statements?: PolicyStatement[]; decisions: Map<string, boolean> }>();

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
    known = unread.length > 0 ? { decisions: new Map() } : { statements: read.flatMap((r) => r.statements!), decisions: new Map() };
    statementsOf.set(role, known);
  }
  return known.statements === undefined ? undefined : (known as RoleStatements);
}

/** A role's statements and the decisions already taken on them (every table of a role asks about the same catalog and `GetDataAccess`). */
export interface RoleStatements {
  readonly statements: readonly PolicyStatement[];
  readonly decisions: Map<string, boolean>;
}

/**
 * The required actions the role's identity policies do not allow (implicitly or explicitly
 * denied), as `action on resource`; empty when IAM lets the role read the table. Evaluated
 * directly on the few statement shapes meshgrant writes (no SCPs or permission boundaries: the
 * stack declares none); @cloud-copilot/iam-simulate is the oracle the tests compare it with.
 * @param statements undefined when a policy could not be read: nothing is taken as denied (fail closed)
 */
export function deniedActions(role: RoleStatements | undefined, required: readonly { action: string; resource: string }[]): string[] {
  if (role === undefined) return [];
  const allowed = ({ action, resource }: { action: string; resource: string }) => {
    const key = `${action} on ${resource}`;
    let decision = role.decisions.get(key);
    if (decision === undefined) {
      decision = evaluateIdentityPolicies(role.statements, action, resource) === 'Allowed';
      role.decisions.set(key, decision);
    }
    return decision;
  };
  return required.filter((r) => !allowed(r)).map(({ action, resource }) => `${action} on ${resource}`);
}

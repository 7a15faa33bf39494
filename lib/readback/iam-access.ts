import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
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

/** Decisions already simulated, per role: `action on resource` -> allowed. */
const decisions = new WeakMap<StackRole, Map<string, boolean>>();

/**
 * The required actions the role's identity policies do not allow (implicitly or explicitly
 * denied), as `action on resource`; empty when IAM lets the role read the table. Evaluated with
 * @cloud-copilot/iam-simulate (no SCPs or permission boundaries: the stack declares none), once
 * per role, action and resource: every table of a role asks about the same catalog and
 * `GetDataAccess`, and those of one database about the same database.
 */
export function deniedActions(role: StackRole, account: string, required: readonly { action: string; resource: string }[]): string[] {
  const known = decisions.get(role) ?? new Map<string, boolean>();
  decisions.set(role, known);
  const allowed = ({ action, resource }: { action: string; resource: string }): boolean => {
    const key = `${action} on ${resource}`;
    let decision = known.get(key);
    if (decision === undefined) {
      const result = runUnsafeSimulation(
        {
          request: { principal: role.principal.arn, action, resource: { resource, accountId: account }, contextVariables: {} },
          identityPolicies: role.policies.map((p) => ({ name: p.name, policy: p.document })),
          serviceControlPolicies: [],
          resourceControlPolicies: [],
        },
        {},
      );
      decision = result === 'Allowed';
      known.set(key, decision);
    }
    return decision;
  };
  return required.filter((r) => !allowed(r)).map(({ action, resource }) => `${action} on ${resource}`);
}

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

/**
 * The required actions the role's identity policies do not allow (implicitly or explicitly
 * denied), as `action on resource`; empty when IAM lets the role read the table. Evaluated with
 * @cloud-copilot/iam-simulate (no SCPs or permission boundaries: the stack declares none).
 */
export function deniedActions(role: StackRole, account: string, required: readonly { action: string; resource: string }[]): string[] {
  return required
    .filter(({ action, resource }) => {
      const result = runUnsafeSimulation(
        {
          request: { principal: role.principal.arn, action, resource: { resource, accountId: account }, contextVariables: {} },
          identityPolicies: role.policies.map((p) => ({ name: p.name, policy: p.document })),
          serviceControlPolicies: [],
          resourceControlPolicies: [],
        },
        {},
      );
      return result !== 'Allowed';
    })
    .map(({ action, resource }) => `${action} on ${resource}`);
}

import { LakePrincipal } from '../../constructs/lake-principal';
import { IConstruct, Testing } from '../../constructs/cdktf';
import type { TerraformResource } from '../../constructs/cdktf';
import { EnvironmentStack } from '../../stacks/environment-stack';
import { exampleMesh } from '../helpers/synth';

function exampleStack(environment: string): EnvironmentStack {
  return new EnvironmentStack(Testing.app(), `acme-${environment}`, { mesh: exampleMesh(), environment });
}

function isPermission(c: IConstruct): c is TerraformResource {
  return (c as Partial<TerraformResource>).terraformResourceType === 'aws_lakeformation_permissions';
}

/** The principal a construct was made under, if any. */
function owner(c: IConstruct): LakePrincipal | undefined {
  return [...c.node.scopes].reverse().find((s): s is LakePrincipal => s instanceof LakePrincipal);
}

describe('LakePrincipal', () => {
  it.each(['dev', 'prod'])('holds every Lake Formation permission of the %s stack, each granted to itself', (environment) => {
    const stack = exampleStack(environment);
    const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, { principal: string }>> };
    const permissions = stack.node.findAll().filter(isPermission);
    expect(permissions.length).toBeGreaterThan(0);
    for (const p of permissions) {
      const principal = owner(p);
      expect({ path: p.node.path, principal: principal?.arn }).toEqual({
        path: p.node.path,
        principal: json.resource.aws_lakeformation_permissions[p.friendlyUniqueId].principal,
      });
    }
  });

  it('holds the named-column and data cells filter grants of the plan, the filter itself staying on the table', () => {
    const grants = exampleStack('prod').grants.filter((g) => g.mechanism === 'named-columns' || g.mechanism === 'data-cells-filter');
    expect(new Set(grants.map((g) => g.mechanism))).toEqual(new Set(['named-columns', 'data-cells-filter']));
    for (const grant of grants) {
      const scopes = grant.resources.map((r) => `${r.terraformResourceType} under ${r.node.scope?.node.path}`);
      const expected = grant.resources.map(
        (r) => `${r.terraformResourceType} under ${(isPermission(r) ? grant.principal : grant.port).node.path}`,
      );
      expect(scopes).toEqual(expected);
    }
  });

  it('keeps the Terraform addresses those grants had when they were made under the port', () => {
    // The addresses synthesized before the grants moved to their principal: a new address would
    // make `terraform apply` revoke each deployed grant and grant it again.
    const stack = exampleStack('prod');
    const addresses = stack.grants
      .filter((g) => g.mechanism === 'named-columns' || g.mechanism === 'data-cells-filter')
      .flatMap((g) => g.resources.filter(isPermission).filter((r) => /^(columns|filter)-/.test(r.node.id)))
      .map((r) => r.friendlyUniqueId)
      .sort();
    expect(addresses).toEqual([
      // Since the example's override (issue 14): made under its principal from the start, at the address the port would give it.
      'customers-profiles_port-profiles_filter-override-omarhaddad-grant_5543139A',
      // Since the marketing-analytics binding of attributed-revenue was restricted (security/downstream-privacy).
      'marketing-attribution_port-attributed-revenue_filter-purpose-marketing-analytics-grant_ADD3FDEF',
      'marketing-campaigns_port-campaigns_columns-purpose-finance-reporting_58220146',
      'payments-refunds_port-refunds_columns-paymentsrefunds-analyst_4834B0CF',
      'payments-refunds_port-refunds_filter-purpose-finance-reporting-grant_3C52A4BF',
      'payments-transactions_port-transactions_columns-marketingattribution-engineer_E246D8D1',
      'payments-transactions_port-transactions_filter-purpose-marketing-analytics-grant_8BCF63E9',
    ]);
  });
});

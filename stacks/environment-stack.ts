import { Environment, Mesh, productConstructId, purposeConstructId } from '../lib/model';
import { AccessEntry, AccessHolder, PolicyPrincipal, environmentPlan } from '../lib/plan';
import { PolicyReport } from '../lib/policy/check-policies';
import { environmentLfTags } from '../lib/aws/lf-tag-ontology';
import { AwsProvider } from '../constructs/aws';
import { Construct, S3Backend } from '../constructs/cdktf';
import { LakeProduct } from '../constructs/data-product';
import { LakeFoundation } from '../constructs/lake-foundation';
import { LakePrincipal } from '../constructs/lake-principal';
import { PortGrant } from '../constructs/port-grant';
import { annotatePolicyFindings } from '../constructs/policy-annotations';
import { LakePurposeRole } from '../constructs/purpose-role';
import { LakePolicyRole } from '../constructs/policy-role';
import { SelfContainedStack } from '../constructs/self-contained-stack';

/** Props of {@link EnvironmentStack}. */
export interface EnvironmentStackProps {
  readonly mesh: Mesh;
  readonly environment: string;
  /**
   * Governance findings to attach as cdktf annotations: errors stop `cdktf synth` of the stack,
   * warnings and suppressions are reported.
   * @default - none attached
   */
  readonly policy?: PolicyReport;
}

/**
 * Everything one environment deploys, in its own Terraform state: the Lake Formation foundation,
 * every product promoted to the environment with its roles, the purpose roles, and the
 * environment's access plan, entry by entry, as grants on the ports.
 * Environment-specific values (account, principals, names) come from the environment only.
 */
export class EnvironmentStack extends SelfContainedStack {
  /** The mesh the stack deploys one environment of. */
  readonly mesh: Mesh;
  readonly environment: Environment;
  readonly products: ReadonlyMap<string, LakeProduct>;
  readonly purposes: ReadonlyMap<string, LakePurposeRole>;
  /** The roles of the principals global policies call for, by principal id, in plan order. */
  readonly policyRoles: ReadonlyMap<string, LakePolicyRole>;
  /** The environment's access plan, which this stack deploys. */
  readonly plan: readonly AccessEntry[];
  /** The grant made for each entry of the plan, in the same order. */
  readonly grants: readonly PortGrant[];

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id);
    const { mesh } = props;
    this.mesh = mesh;
    const env = mesh.environment(props.environment);
    this.environment = env;

    new AwsProvider(this, 'aws', {
      region: env.region,
      // A dev stack can never be applied to the prod account, nor the other way round.
      allowedAccountIds: [env.account],
      defaultTags: [{ tags: { ...env.tags } }],
    });
    new S3Backend(this, {
      bucket: env.backend.bucket,
      key: `${env.backend.keyPrefix}/${env.name}.tfstate`,
      region: env.backend.region,
      encrypt: true,
      ...(env.backend.kmsKeyId ? { kmsKeyId: env.backend.kmsKeyId } : {}),
    });
    // S3-native state locking (Terraform >= 1.10); cdktf's S3Backend has no option for it.
    this.addOverride('terraform.backend.s3.use_lockfile', true);

    const products = mesh.productsIn(env.name);
    const purposes = mesh.purposesIn(env.name);
    new LakeFoundation(this, 'lake', { environment: env, classification: mesh.classification, tags: environmentLfTags(mesh, env.name) });
    const productConstructs = new Map(products.map((p) => [p.id, new LakeProduct(this, productConstructId(p.id), { product: p })]));
    const purposeRoles = new Map(purposes.map((p) => [p.name, new LakePurposeRole(this, purposeConstructId(p.name), { purpose: p })]));
    const policyRoles = new Map<string, LakePolicyRole>();
    const policyRole = (p: PolicyPrincipal): LakePolicyRole => {
      let role = policyRoles.get(p.id);
      if (role === undefined) {
        policyRoles.set(p.id, (role = new LakePolicyRole(this, p.id, { principal: p, attributes: mesh.attributes })));
        // A guarded way into a purpose queries for that purpose: in its workgroup only.
        if (p.guards?.kind === 'purpose') role.allowQueriesIn(purposeRoles.get(p.guards.purpose)!.workgroup);
      }
      return role;
    };
    const principal = (h: AccessHolder): LakePrincipal =>
      h.kind === 'role'
        ? productConstructs.get(h.product)!.roles[h.role]
        : h.kind === 'purpose'
          ? purposeRoles.get(h.purpose)!
          : policyRole(h.principal);

    // In plan order (products by id, then their grants and bindings as declared): resources are
    // made in the order they appear in the JSON.
    this.plan = environmentPlan(mesh, env.name);
    this.grants = this.plan.map((entry) =>
      productConstructs.get(entry.product)!.port(entry.port).grants.planned(principal(entry.holder), entry),
    );
    if (props.policy) annotatePolicyFindings(props.policy, this, (id) => productConstructs.get(id));
    this.products = productConstructs;
    this.purposes = purposeRoles;
    this.policyRoles = policyRoles;
    // Literal names and ARNs throughout: nothing above refers to another stack.
    this.seal();
  }
}

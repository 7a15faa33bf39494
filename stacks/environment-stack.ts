import { Environment, Mesh, consumerColumns, productConstructId, purposeConstructId } from '../lib/model';
import { PolicyReport } from '../lib/policy/check-policies';
import { environmentLfTags } from '../lib/aws/lf-tag-ontology';
import { AwsProvider } from '../constructs/aws';
import { Construct, S3Backend } from '../constructs/cdktf';
import { DataProduct } from '../constructs/data-product';
import { LakeFoundation } from '../constructs/lake-foundation';
import { PortGrant } from '../constructs/output-port';
import { annotatePolicyFindings } from '../constructs/policy-annotations';
import { PurposeBinding } from '../constructs/purpose-binding';
import { PurposeRole } from '../constructs/purpose-role';
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
 * every product promoted to the environment with its roles and grants, and the purpose roles.
 * Environment-specific values (account, principals, names) come from the environment only.
 */
export class EnvironmentStack extends SelfContainedStack {
  readonly environment: Environment;
  readonly products: ReadonlyMap<string, DataProduct>;
  readonly purposes: ReadonlyMap<string, PurposeRole>;
  /** Every grant made, for summaries and tests. */
  readonly grants: readonly PortGrant[];

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id);
    const { mesh } = props;
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
    const foundation = new LakeFoundation(this, 'lake', { environment: env, tags: environmentLfTags(mesh, env.name) });

    const common = { environment: env, classification: mesh.classification, foundation };
    const productConstructs = new Map(products.map((p) => [p.id, new DataProduct(this, productConstructId(p.id), { product: p, ...common })]));
    const purposeRoles = new Map(purposes.map((p) => [p.name, new PurposeRole(this, purposeConstructId(p.name), { purpose: p, ...common })]));

    const grants: PortGrant[] = [];
    for (const product of products) {
      const construct = productConstructs.get(product.id)!;
      for (const g of product.grants) {
        const port = construct.port(g.port);
        if (g.grantee.kind === 'role') {
          grants.push(port.grant(construct.roles[g.grantee.role], g.level, { columns: g.columns, rows: g.rows }));
        } else {
          // A consumer not yet promoted here gets nothing here: its grant waits for it.
          const consumer = productConstructs.get(g.grantee.product);
          if (consumer === undefined) continue;
          const columns = consumerColumns(mesh.classification, product, port.model, g);
          grants.push(port.grantRead(consumer.roles.engineer, { columns, rows: g.rows }));
        }
      }
      for (const b of product.purposes) {
        const binding = new PurposeBinding(construct, `purpose-${b.purpose}`, { product: construct, purpose: purposeRoles.get(b.purpose)!, binding: b });
        grants.push(...binding.grants);
      }
    }
    if (props.policy) annotatePolicyFindings(props.policy, this, (id) => productConstructs.get(id));
    this.products = productConstructs;
    this.purposes = purposeRoles;
    this.grants = grants;
    // Literal names and ARNs throughout: nothing above refers to another stack.
    this.seal();
  }
}

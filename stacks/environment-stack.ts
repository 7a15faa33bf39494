import { DataProduct, Environment, Mesh, productConstructId, purposeConstructId } from '../lib/model';
import { AccessEntry, AccessHolder, PolicyPrincipal, environmentPlan } from '../lib/plan';
import { PolicyReport } from '../lib/policy/check-policies';
import { environmentLfTags } from '../lib/aws/lf-tag-ontology';
import { AwsProvider } from '../constructs/aws';
import { Construct, S3Backend, TerraformStack } from '../constructs/cdktf';
import { LakeProduct } from '../constructs/data-product';
import { LakeFoundation } from '../constructs/lake-foundation';
import { LakePrincipal } from '../constructs/lake-principal';
import { PortGrant } from '../constructs/port-grant';
import { annotatePolicyFindings } from '../constructs/policy-annotations';
import { LakePurposeRole } from '../constructs/purpose-role';
import { LakePolicyRole } from '../constructs/policy-role';
import { LakeOverrideRole } from '../constructs/override-role';
import { userNamePart } from '../lib/aws/names';
import { SelfContainedStack } from '../constructs/self-contained-stack';

/** Props of {@link EnvironmentStack} and {@link FoundationStack}. */
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
 * What one environment deploys, whichever its stack layout: one {@link EnvironmentStack}, or a
 * {@link FoundationStack} and its {@link DomainStack}s.
 */
export interface EnvironmentDeployment {
  /** The mesh the stacks deploy one environment of. */
  readonly mesh: Mesh;
  readonly environment: Environment;
  readonly products: ReadonlyMap<string, LakeProduct>;
  readonly purposes: ReadonlyMap<string, LakePurposeRole>;
  /** The roles of the principals global policies call for, by principal id, in plan order. */
  readonly policyRoles: ReadonlyMap<string, LakePolicyRole>;
  /** The role of each person's overrides of a product, by `<product>/<user>`, products by id and overrides as declared. */
  readonly overrideRoles: ReadonlyMap<string, LakeOverrideRole>;
  /** The environment's access plan, which the stacks deploy. */
  readonly plan: readonly AccessEntry[];
  /** The grant made for each entry of the plan, in the same order. */
  readonly grants: readonly PortGrant[];
  /** The environment's stacks, in the order they are applied; the first is named after the environment. */
  readonly stacks: readonly SelfContainedStack[];
}

/**
 * The first stack of an environment, whichever its layout, which holds the environment's
 * foundation and deploys the environment (see {@link deployEnvironment}): what both layouts share.
 * `layout`, called once the foundation exists, makes the environment's other stacks, if any, and
 * says in which stack each product goes.
 */
abstract class EnvironmentDeploymentStack extends SelfContainedStack implements EnvironmentDeployment {
  readonly mesh: Mesh;
  readonly environment: Environment;
  readonly products: ReadonlyMap<string, LakeProduct>;
  readonly purposes: ReadonlyMap<string, LakePurposeRole>;
  readonly policyRoles: ReadonlyMap<string, LakePolicyRole>;
  readonly overrideRoles: ReadonlyMap<string, LakeOverrideRole>;
  readonly plan: readonly AccessEntry[];
  readonly grants: readonly PortGrant[];
  abstract readonly stacks: readonly SelfContainedStack[];

  protected constructor(
    scope: Construct,
    id: string,
    props: EnvironmentStackProps,
    layout: (stack: EnvironmentDeploymentStack, foundation: LakeFoundation) => (product: DataProduct) => Construct,
  ) {
    super(scope, id);
    this.mesh = props.mesh;
    this.environment = props.mesh.environment(props.environment);
    deployTo(this, this.environment, this.environment.name);
    const foundation = newFoundation(this, props.mesh, this.environment);
    ({
      products: this.products,
      purposes: this.purposes,
      policyRoles: this.policyRoles,
      overrideRoles: this.overrideRoles,
      plan: this.plan,
      grants: this.grants,
    } = deployEnvironment(props, foundation, layout(this, foundation)));
  }
}

/**
 * Everything one environment deploys, in its own Terraform state: the Lake Formation foundation,
 * every product promoted to the environment with its roles, the purpose roles, and the
 * environment's access plan, entry by entry, as grants on the ports.
 * Environment-specific values (account, principals, names) come from the environment only.
 */
export class EnvironmentStack extends EnvironmentDeploymentStack {
  readonly stacks: readonly SelfContainedStack[] = [this];

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    // Every product in this one stack.
    super(scope, id, props, (stack) => () => stack);
    // Literal names and ARNs throughout: nothing above refers to another stack.
    this.seal();
  }
}

/**
 * The first stack of an environment whose `stacks` is `per-domain`, in a Terraform state of its
 * own: the data lake settings, the LF-tag ontology, the purpose roles and the roles of global
 * policies, with their grants by tag. Made with it, in the same scope, one {@link DomainStack} per
 * domain with products in the environment, applied after it: a change to one product plans its
 * domain's stack only. Nothing refers across stacks; each names what the others hold by its
 * literal name or ARN, so that each plans on its own.
 */
export class FoundationStack extends EnvironmentDeploymentStack {
  readonly stacks: readonly SelfContainedStack[];
  /** The stack of each domain with products in the environment, by domain name. */
  readonly domainStacks: ReadonlyMap<string, DomainStack>;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    const domainStacks = new Map<string, DomainStack>();
    super(scope, id, props, (stack, foundation) => {
      const { mesh, environment } = stack;
      for (const d of [...new Set(mesh.productsIn(environment.name).map((p) => p.domain))].sort())
        domainStacks.set(d, new DomainStack(scope, domainStackName(id, d), { mesh, environment, domain: d, foundation }));
      return (p) => domainStacks.get(p.domain)!;
    });
    this.domainStacks = domainStacks;
    this.stacks = [this, ...domainStacks.values()];
    for (const stack of this.stacks) stack.seal();
  }
}

/** Props of {@link DomainStack}. */
export interface DomainStackProps {
  readonly mesh: Mesh;
  readonly environment: Environment;
  readonly domain: string;
  /** The foundation of the environment's {@link FoundationStack}, applied before this stack. */
  readonly foundation: LakeFoundation;
}

/**
 * One domain of an environment split per domain, in a Terraform state of its own: its products,
 * their roles, and every grant on its tables, including those to purposes, to principals of
 * global policies and to other domains' roles (which live in their own stacks and are named by
 * ARN). Made by its {@link FoundationStack}.
 */
export class DomainStack extends SelfContainedStack {
  readonly environment: Environment;
  readonly domain: string;

  constructor(scope: Construct, id: string, props: DomainStackProps) {
    super(scope, id);
    this.environment = props.environment;
    this.domain = props.domain;
    deployTo(this, props.environment, `${props.environment.name}/${props.domain}`);
    newFoundation(this, props.mesh, props.environment, props.foundation);
  }
}

/** The name of a domain's stack: `<environment stack>_<domain>` (`_` is in no mesh, environment or domain name). */
export function domainStackName(environmentStack: string, domain: string): string {
  return `${environmentStack}_${domain}`;
}

/** A stack's AWS provider, pinned to the environment's account, and its state in the environment's backend at `<keyPrefix>/<state>.tfstate`. */
function deployTo(stack: TerraformStack, env: Environment, state: string): void {
  new AwsProvider(stack, 'aws', {
    region: env.region,
    // A dev stack can never be applied to the prod account, nor the other way round.
    allowedAccountIds: [env.account],
    defaultTags: [{ tags: { ...env.tags } }],
  });
  new S3Backend(stack, {
    bucket: env.backend.bucket,
    key: `${env.backend.keyPrefix}/${state}.tfstate`,
    region: env.backend.region,
    encrypt: true,
    ...(env.backend.kmsKeyId ? { kmsKeyId: env.backend.kmsKeyId } : {}),
  });
  // S3-native state locking (Terraform >= 1.10); cdktf's S3Backend has no option for it.
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
}

/** The stack's LakeFoundation; in a domain's stack, one that stands for the foundation stack's `definedIn`. */
function newFoundation(stack: TerraformStack, mesh: Mesh, env: Environment, definedIn?: LakeFoundation): LakeFoundation {
  const tags = environmentLfTags(mesh, env.name);
  return new LakeFoundation(stack, 'lake', {
    environment: env,
    classification: mesh.classification,
    attributes: mesh.attributes,
    tags,
    ...(definedIn ? { definedIn } : {}),
  });
}

/**
 * The environment's products (each in `scopeOf(product)`), its purpose roles and the roles of
 * global policies (next to `foundation`), and its access plan as grants on the ports, in plan
 * order (products by id, then their grants and bindings as declared): resources are made in the
 * order they appear in the JSON. Policy findings are attached to the products, and mesh-level
 * ones to the foundation's stack.
 */
function deployEnvironment(
  props: EnvironmentStackProps,
  foundation: LakeFoundation,
  scopeOf: (product: DataProduct) => Construct,
): Pick<EnvironmentDeployment, 'products' | 'purposes' | 'policyRoles' | 'overrideRoles' | 'plan' | 'grants'> {
  const { mesh } = props;
  const env = foundation.environment;
  const home = TerraformStack.of(foundation);
  const products = new Map(
    mesh.productsIn(env.name).map((p) => [p.id, new LakeProduct(scopeOf(p), productConstructId(p.id), { product: p })]),
  );
  const purposes = new Map(
    mesh.purposesIn(env.name).map((p) => [p.name, new LakePurposeRole(home, purposeConstructId(p.name), { purpose: p })]),
  );
  const overrideRoles = new Map<string, LakeOverrideRole>();
  for (const p of mesh.productsIn(env.name)) {
    for (const user of [...new Set(p.overrides.map((o) => o.user))]) {
      const overrides = p.overrides.filter((o) => o.user === user);
      const id = `${productConstructId(p.id)}-override-${userNamePart(user)}`;
      overrideRoles.set(`${p.id}/${user}`, new LakeOverrideRole(scopeOf(p), id, { product: p, overrides }));
    }
  }
  const policyRoles = new Map<string, LakePolicyRole>();
  const policyRole = (p: PolicyPrincipal): LakePolicyRole => {
    let role = policyRoles.get(p.id);
    if (role === undefined) {
      policyRoles.set(p.id, (role = new LakePolicyRole(home, p.id, { principal: p, attributes: mesh.attributes })));
      // A guarded way into a purpose queries for that purpose: in its workgroup only.
      if (p.guards?.kind === 'purpose') role.allowQueriesIn(purposes.get(p.guards.purpose)!.workgroup);
    }
    return role;
  };
  const principal = (h: AccessHolder): LakePrincipal =>
    h.kind === 'role'
      ? products.get(h.product)!.roles[h.role]
      : h.kind === 'purpose'
        ? purposes.get(h.purpose)!
        : h.kind === 'override'
          ? overrideRoles.get(`${h.product}/${h.user}`)!
          : policyRole(h.principal);
  const plan = environmentPlan(mesh, env.name);
  const grants = plan.map((entry) => products.get(entry.product)!.port(entry.port).grants.planned(principal(entry.holder), entry));
  if (props.policy) annotatePolicyFindings(props.policy, home, (id) => products.get(id));
  return { products, purposes, policyRoles, overrideRoles, plan, grants };
}

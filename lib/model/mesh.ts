import { Classification, ClassificationSpec, resolveClassification } from './classification';
import { DataProduct, DataProductSpec, checkProduct, indexProducts, toDataProduct } from './data-product';
import { DomainSpec, checkDomains } from './domain';
import { Environment, EnvironmentSpec, checkEnvironments, toEnvironment } from './environment';
import { NAME_PATTERNS } from './names';
import { Locator, ProblemCollector, SourceLocation, SpecPath } from './problems';
import { Purpose, PurposeBinders, PurposeSpec, checkPurposeMembers, checkPurposes, toPurpose } from './purpose';
import { SpecCheck } from './spec-check';
import { checkRuleAttributeNames } from './members';
import { checkLiteralText, shown } from './literal-text';
import { isCalendarDate, todayUtc } from './calendar-date';
import { TARGET } from '../target';
import { PolicyConfigSpec } from './suppression';
import { Attribute, AttributeSpec, checkAttributes } from '../abac/attributes';
import { GlobalPolicy, GlobalPolicySpec, checkGlobalPolicies } from '../abac/global-policy';
import { checkRowPolicies } from './global-policies';

/** Everything one organisation declares: the input of meshgrant, from YAML or from code. */
export interface MeshSpec {
  /** Lower-case name of the mesh (the organisation or platform). */
  readonly name: string;
  readonly classification: ClassificationSpec;
  /** Deployment targets, each synthesized to its own stack. */
  readonly environments: readonly EnvironmentSpec[];
  readonly domains: readonly DomainSpec[];
  readonly purposes?: readonly PurposeSpec[];
  readonly products?: readonly DataProductSpec[];
  /** Federated governance: which rule packs run, severities, mesh-wide suppressions. */
  readonly policy?: PolicyConfigSpec;
  /**
   * Facts about people that global policies compare (`department`, `country`), given to each
   * person by the directory (mesh.yaml).
   * @default - none
   */
  readonly attributes?: readonly AttributeSpec[];
  /**
   * Global policies (policies.yaml): subscriptions and row policies written once, landing on
   * every table whose facts they name.
   * @default - none
   */
  readonly policies?: readonly GlobalPolicySpec[];
}

/** The validated content of a mesh. */
export interface MeshParts {
  readonly name: string;
  readonly classification: Classification;
  /** In declaration order. */
  readonly environments: readonly Environment[];
  /** Sorted by name. */
  readonly domains: readonly DomainSpec[];
  /** Sorted by name. */
  readonly purposes: readonly Purpose[];
  /** Sorted by id. */
  readonly products: readonly DataProduct[];
  /** Governance configuration, as declared (interpreted by `lib/policy`). */
  readonly policy: PolicyConfigSpec;
  /** Declared attributes of people, sorted by name. */
  readonly attributes: readonly Attribute[];
  /** Global policies, in declaration order. */
  readonly policies: readonly GlobalPolicy[];
  /**
   * The day (`YYYY-MM-DD`, UTC) expiry was evaluated against: entries whose `expires` lies
   * before it are not part of the mesh's access (see `Members.expired`).
   */
  readonly asOf: string;
}

/** How `buildMesh` reads a spec. */
export interface BuildOptions {
  /**
   * The day expiry is evaluated against, `YYYY-MM-DD` (UTC). Pass it wherever output must be
   * reproducible (tests, a pinned synthesis); commands take it from `--as-of`.
   * @default - today, in UTC
   */
  readonly asOf?: string;
}

/** A validated, immutable mesh. Build one with `buildMesh` (or `MeshBuilder`, or the YAML loader). */
// Declaration merging: the class has every field of MeshParts without declaring them twice.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Mesh extends MeshParts {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Mesh {
  /**
   * The spec the mesh was built from, as given (not copied, like the spec objects the parts
   * hold): `buildMesh(mesh.spec)` rebuilds the mesh where only data can travel, e.g. in a worker
   * thread. Do not change it.
   */
  readonly spec: MeshSpec;
  private readonly locator: Locator;

  /** @internal use `buildMesh` */
  constructor(parts: MeshParts, spec: MeshSpec, locator: Locator = () => undefined) {
    Object.assign(this, parts);
    this.spec = spec;
    this.locator = locator;
    Object.freeze(this);
  }

  /** Where a spec path was written, when the mesh was loaded from files. */
  locate(path: SpecPath): SourceLocation | undefined {
    return this.locator(path);
  }

  environment(name: string): Environment {
    return find(this.environments, (e) => e.name === name, `environment ${name}`);
  }

  product(id: string): DataProduct {
    return find(this.products, (p) => p.id === id, `product ${id}`);
  }

  purpose(name: string): Purpose {
    return find(this.purposes, (p) => p.name === name, `purpose ${name}`);
  }

  /** The declared attribute called `name`, or undefined. */
  attribute(name: string): Attribute | undefined {
    return this.attributes.find((a) => a.name === name);
  }

  /** Products promoted to an environment, sorted by id. */
  productsIn(environment: string): DataProduct[] {
    return this.products.filter((p) => p.promotedTo.includes(environment));
  }

  /** Purposes that at least one product promoted to the environment is bound to, sorted by name. */
  purposesIn(environment: string): Purpose[] {
    const bound = new Set(this.productsIn(environment).flatMap((p) => p.purposes.map((b) => b.purpose)));
    return this.purposes.filter((p) => bound.has(p.name));
  }
}

function find<T>(xs: readonly T[], pred: (x: T) => boolean, what: string): T {
  const x = xs.find(pred);
  if (x === undefined) throw new Error(`no ${what} in the mesh`);
  return x;
}

/**
 * Validates a mesh spec and returns the immutable model.
 * @param locate maps spec paths to file locations (loaders pass one so problems name file:line:column)
 * @throws MeshValidationError with every problem found
 */
export function buildMesh(spec: MeshSpec, locate?: Locator, options: BuildOptions = {}): Mesh {
  const problems = new ProblemCollector(locate);
  const asOf = options.asOf ?? todayUtc();
  if (!isCalendarDate(asOf)) problems.add([], `as-of day \`${shown(asOf)}\` is not a day; expected YYYY-MM-DD (UTC)`);
  const parts = resolveMesh(spec, problems, asOf);
  problems.throwIfAny();
  return new Mesh(parts!, spec, locate);
}

/**
 * What a mesh says about the people it serves: its name, its environments with their identity
 * mappings (directory groups and users to principals) and the attributes it declares. It is the
 * content of the mesh-level files, `mesh.yaml` and `environments.yaml`: reports over a directory
 * need this, not the products.
 */
export type MeshSettings = Pick<MeshParts, 'name' | 'environments' | 'attributes'>;

/**
 * Validates the settings of a mesh spec ({@link MeshSettings}) with the checks `buildMesh` makes
 * of them: the mesh's name, its environments (names, the target's fields, principals,
 * promotion), its attributes, and the text of these fields. Products, purposes and policies are
 * neither read nor checked, so a problem there does not stop a report that needs only this.
 * @param locate maps spec paths to file locations
 * @throws MeshValidationError with every problem found
 */
export function buildMeshSettings(spec: MeshSpec, locate?: Locator): MeshSettings {
  const problems = new ProblemCollector(locate);
  const check = new SpecCheck(problems);
  checkMeshName(check, spec.name);
  checkEnvironments(check, spec.environments ?? []);
  const { name, environments, attributes: declared } = spec;
  checkLiteralText({ name, environments, attributes: declared }, problems);
  const attributes = checkAttributes(declared ?? [], problems);
  problems.throwIfAny();
  return { name, environments: environments.map(toEnvironment), attributes: sortedAttributes(attributes) };
}

function checkMeshName(check: SpecCheck, name: string | undefined): void {
  if (!name || !NAME_PATTERNS.mesh.test(name)) check.add(['name'], `mesh name \`${name ?? ''}\` must be lower case letters, digits or -`);
}

const sortedAttributes = (attributes: ReadonlyMap<string, Attribute>): Attribute[] =>
  [...attributes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** The attribute rules of every role and purpose name declared attributes (when the mesh declares any). */
function checkMemberAttributeNames(check: SpecCheck, spec: MeshSpec, declared: readonly string[]): void {
  (spec.products ?? []).forEach((p, i) => {
    for (const [role, r] of Object.entries(p.roles ?? {}))
      checkRuleAttributeNames(check, r?.members, ['products', i, 'roles', role, 'members'], `product ${p.id} ${role}`, declared);
  });
  (spec.purposes ?? []).forEach((p, i) =>
    checkRuleAttributeNames(check, p.members, ['purposes', i, 'members'], `purpose ${p.name}`, declared),
  );
}

/**
 * Checks `spec` completely, adding every problem to `problems`; returns the mesh parts when there
 * are none. Each concept checks itself (in its own file); this only orders them, each step
 * handing the next what it needs to know about the rest of the mesh.
 */
function resolveMesh(spec: MeshSpec, problems: ProblemCollector, asOf: string): MeshParts | undefined {
  const check = new SpecCheck(problems);
  checkMeshName(check, spec.name);
  const classification = resolveClassification(spec.classification, problems);
  const environments = checkEnvironments(check, spec.environments ?? []);
  const domains = checkDomains(check, spec.domains ?? []);
  const purposes = checkPurposes(check, spec.purposes ?? [], classification);
  const products = indexProducts(check, spec.products ?? []);
  const purposeBinders: PurposeBinders = new Map();
  const context = { classification, environments, domains, purposes, purposeSpecs: spec.purposes ?? [], products, purposeBinders, asOf };
  (spec.products ?? []).forEach((p, i) => checkProduct(check, p, ['products', i], context));
  checkPurposeMembers(check, spec.purposes ?? [], purposeBinders, environments, asOf);
  TARGET.environment.checkNames(spec, problems);
  checkLiteralText(spec, problems);
  const attributes = checkAttributes(spec.attributes ?? [], problems);
  checkMemberAttributeNames(check, spec, [...attributes.keys()]);
  const policies = checkGlobalPolicies(
    spec.policies ?? [],
    {
      attributes,
      classes: classification?.classNames ?? [],
      levels: classification?.levels ?? [],
      domains: [...domains.keys()],
      purposes: (spec.purposes ?? []).map((p) => p.name),
      products: [...products.keys()],
      ports: (spec.products ?? []).flatMap((p) => (p.outputPorts ?? []).map((o) => `${p.id}/${o.name}`)),
    },
    problems,
  );
  if (problems.problems.length > 0) return undefined;
  const productModels = (spec.products ?? []).map((p, i) => ({
    product: toDataProduct(p, ['products', i], classification!, asOf),
    spec: p,
  }));
  const attributeList = sortedAttributes(attributes);
  checkRowPolicies(policies, attributeList, productModels, classification!, problems);
  if (problems.problems.length > 0) return undefined;

  return {
    name: spec.name,
    classification: classification!,
    environments: spec.environments.map(toEnvironment),
    domains: [...spec.domains].sort((a, b) => a.name.localeCompare(b.name)),
    purposes: (spec.purposes ?? []).map((p, i) => toPurpose(p, i, asOf)).sort((a, b) => a.name.localeCompare(b.name)),
    products: productModels.map((p) => p.product).sort((a, b) => a.id.localeCompare(b.id)),
    policy: spec.policy ?? {},
    attributes: attributeList,
    policies,
    asOf,
  };
}

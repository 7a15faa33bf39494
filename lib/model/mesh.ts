import { Classification, ClassificationSpec } from './classification';
import { DataProduct, DataProductSpec } from './data-product';
import { DomainSpec } from './domain';
import { Environment, EnvironmentSpec } from './environment';
import { Locator, ProblemCollector, SourceLocation, SpecPath } from './problems';
import { PolicyConfigSpec } from './suppression';
import { Purpose, PurposeSpec } from './purpose';
import { resolveMesh } from './resolve-mesh';

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
export function buildMesh(spec: MeshSpec, locate?: Locator): Mesh {
  const problems = new ProblemCollector(locate);
  const parts = resolveMesh(spec, problems);
  problems.throwIfAny();
  return new Mesh(parts!, spec, locate);
}

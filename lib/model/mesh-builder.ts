import { ClassificationSpec } from './classification';
import { DataProductSpec } from './data-product';
import { DomainSpec } from './domain';
import { EnvironmentSpec } from './environment';
import { Mesh, buildMesh } from './mesh';
import { PurposeSpec } from './purpose';

/**
 * Assembles a mesh piece by piece, so that platform, governance and domain teams can each
 * declare their part in their own module. `build()` validates the whole at once.
 *
 * @example
 * const mesh = new MeshBuilder('acme', classification)
 *   .addEnvironment(dev).addDomain({ name: 'payments' })
 *   .addProduct(transactions)
 *   .build();
 */
export class MeshBuilder {
  private readonly environments: EnvironmentSpec[] = [];
  private readonly domains: DomainSpec[] = [];
  private readonly purposes: PurposeSpec[] = [];
  private readonly products: DataProductSpec[] = [];

  constructor(
    private readonly name: string,
    private readonly classification: ClassificationSpec,
  ) {}

  addEnvironment(spec: EnvironmentSpec): this {
    this.environments.push(spec);
    return this;
  }

  addDomain(spec: DomainSpec): this {
    this.domains.push(spec);
    return this;
  }

  addPurpose(spec: PurposeSpec): this {
    this.purposes.push(spec);
    return this;
  }

  addProduct(spec: DataProductSpec): this {
    this.products.push(spec);
    return this;
  }

  /** Validates everything added and returns the mesh; throws `MeshValidationError` listing every problem. */
  build(): Mesh {
    return buildMesh({
      name: this.name,
      classification: this.classification,
      environments: this.environments,
      domains: this.domains,
      purposes: this.purposes,
      products: this.products,
    });
  }
}

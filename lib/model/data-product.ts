import { Grant, GrantSpec } from './grant';
import { OutputPort, OutputPortSpec } from './output-port';
import { ProductRole, ProductRoleName, ProductRoleSpec } from './product-role';
import { SpecPath } from './problems';
import { PurposeBinding, PurposeBindingSpec } from './purpose-binding';
import { SuppressionSpec } from './suppression';

/** Descriptive facts about a product (field names follow the Data Product Specification). */
export interface ProductInfoSpec {
  readonly title: string;
  readonly description?: string;
  /** Person accountable for the product. */
  readonly owner: string;
  /** Domain name; must equal the first part of the product id. */
  readonly domain: string;
}

/** A port of another product that this product reads. */
export interface InputPortSpec {
  /** Product id, `<domain>.<product>`. */
  readonly product: string;
  /** Output port of that product. */
  readonly port: string;
}

/** Governance policies a product declares. */
export interface ProductPoliciesSpec {
  /** How long data is kept, as an ISO 8601 duration (`P7Y`, `P90D`). */
  readonly retention?: string;
}

/** A data product. */
export interface DataProductSpec {
  /** `<domain>.<product>`, lower case, e.g. `payments.transactions`. */
  readonly id: string;
  readonly info: ProductInfoSpec;
  /** Environments the product is deployed to, e.g. `[dev]` then `[dev, prod]`. */
  readonly promotedTo: readonly string[];
  readonly outputPorts: readonly OutputPortSpec[];
  readonly inputPorts?: readonly InputPortSpec[];
  /** Members of the three product roles; a role left out exists, empty. */
  readonly roles?: Partial<Readonly<Record<ProductRoleName, ProductRoleSpec>>>;
  readonly grants?: readonly GrantSpec[];
  /** Purposes the product serves, and what each may see. */
  readonly purposes?: readonly PurposeBindingSpec[];
  readonly policies?: ProductPoliciesSpec;
  /** Policy findings this product's owner accepts, each with a reason. */
  readonly suppressions?: readonly SuppressionSpec[];
}

/** A validated data product. */
export interface DataProduct {
  readonly id: string;
  readonly domain: string;
  /** Second part of the id. */
  readonly name: string;
  readonly title: string;
  readonly description?: string;
  readonly owner: string;
  /** Sorted. */
  readonly promotedTo: readonly string[];
  readonly outputPorts: readonly OutputPort[];
  readonly inputPorts: readonly InputPortSpec[];
  readonly roles: Readonly<Record<ProductRoleName, ProductRole>>;
  readonly grants: readonly Grant[];
  readonly purposes: readonly PurposeBinding[];
  readonly policies: ProductPoliciesSpec;
  readonly suppressions: readonly SuppressionSpec[];
  /** Where the product is in the spec (`['products', i]`), to locate findings. */
  readonly specPath: SpecPath;
}

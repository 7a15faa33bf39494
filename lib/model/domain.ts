/** A business domain that owns data products (payments, customers, ...). */
export interface DomainSpec {
  /** Lower-case name; the first part of every product id in the domain. */
  readonly name: string;
  /** What the domain covers. */
  readonly description?: string;
  /** Person accountable for the domain. */
  readonly owner?: string;
}

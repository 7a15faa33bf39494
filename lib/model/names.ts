/**
 * Patterns for the names the mesh accepts, whatever the target: chosen so that every name a
 * target derives from them stays valid there (the AWS ones are in lib/aws/names.ts).
 */
export const NAME_PATTERNS = {
  mesh: /^[a-z][a-z0-9-]*$/,
  environment: /^[a-z][a-z0-9-]{0,19}$/,
  domain: /^[a-z][a-z0-9-]{0,39}$/,
  productId: /^[a-z][a-z0-9-]{0,39}\.[a-z][a-z0-9-]{0,59}$/,
  port: /^[a-z][a-z0-9_-]{0,59}$/,
  purpose: /^[a-z][a-z0-9-]{0,49}$/,
  column: /^[a-z_][a-z0-9_]{0,127}$/,
  /** Table names (Glue's rule, the strictest of the catalogs). */
  table: /^[a-z][a-z0-9_]{0,254}$/,
  /** Classification levels and classes. */
  classification: /^[a-z][a-z0-9_]*$/,
  prefix: /^[a-z][a-z0-9-]{0,19}$/,
} as const;

/** `card-transactions` -> `card_transactions`: the table name of a port that names none. */
export function defaultTableName(port: string): string {
  return port.replace(/[^a-z0-9_]/g, '_');
}

/**
 * Id of a product's construct in its environment stack, `<domain>-<name>`; Terraform logical ids
 * derive from it, so two products must never share it.
 */
export function productConstructId(productId: string): string {
  return productId.replace('.', '-');
}

/** Id of a purpose's construct in an environment stack, `purpose-<purpose>`. */
export function purposeConstructId(purpose: string): string {
  return `purpose-${purpose}`;
}

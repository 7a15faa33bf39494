import { NAME_PATTERNS } from './names';
import { SpecPath } from './problems';
import { SpecCheck } from './spec-check';

/**
 * Who creates a catalog database or table: `meshgrant` (created by the stack, protected from
 * destroy) or `external` (created by dbt, Glue jobs, Spark or an Iceberg writer; meshgrant only
 * tags and grants it by name, and never creates, changes or destroys it).
 */
export type CatalogOwner = 'meshgrant' | 'external';

/** The catalog owners, in the order the schema lists them. */
export const CATALOG_OWNERS: readonly CatalogOwner[] = ['meshgrant', 'external'];

/** Where a product's tables live, and who owns its database. */
export interface ProductCatalogSpec {
  /**
   * Who creates the product's database; also the default owner of its ports' tables.
   * @default 'meshgrant'
   */
  readonly owner?: CatalogOwner;
  /**
   * The database's name, the same in every environment (an existing database keeps its name).
   * @default - `<prefix>_<domain>_<product>`
   */
  readonly database?: string;
  /**
   * Key prefix of the product's data in the environment's data bucket, without slashes at the ends.
   * @default - `<domain>/<product>`
   */
  readonly storagePrefix?: string;
}

/** A product's catalog, with defaults applied where they do not depend on the environment. */
export interface ProductCatalog {
  readonly owner: CatalogOwner;
  /** Undefined: named by the target from the environment's prefix. */
  readonly database?: string;
  /** Undefined: `<domain>/<product>`. */
  readonly storagePrefix?: string;
}

/** S3 key prefix: segments of letters, digits, `.`, `_` or `-`, separated by single slashes. */
const STORAGE_PREFIX = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Checks a product's `catalog`: a Glue database name and a plain key prefix. */
export function checkProductCatalog(check: SpecCheck, spec: ProductCatalogSpec | undefined, path: SpecPath, who: string): void {
  if (spec?.database !== undefined)
    check.pattern(
      spec.database,
      NAME_PATTERNS.table,
      [...path, 'database'],
      `${who}: catalog database`,
      'lower case letters, digits or _ (Glue names)',
    );
  if (spec?.storagePrefix !== undefined)
    check.pattern(
      spec.storagePrefix,
      STORAGE_PREFIX,
      [...path, 'storagePrefix'],
      `${who}: catalog storagePrefix`,
      'S3 key segments of letters, digits, ., _ or - separated by single slashes, e.g. sales/orders',
    );
}

/** The validated catalog of a checked spec. */
export function toProductCatalog(spec: ProductCatalogSpec | undefined): ProductCatalog {
  return {
    owner: spec?.owner ?? 'meshgrant',
    ...(spec?.database !== undefined ? { database: spec.database } : {}),
    ...(spec?.storagePrefix !== undefined ? { storagePrefix: spec.storagePrefix } : {}),
  };
}

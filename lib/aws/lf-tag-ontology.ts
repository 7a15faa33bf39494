import { ACCESS_LEVELS, Classification, DataProduct, Mesh, PRODUCT_ROLES, ProductRoleName } from '../model';

/**
 * LF-tag keys and values meshgrant uses. Lake Formation stores keys and values in lower case, and
 * a resource holds one value per key: hence one key per class, per role and per purpose.
 *
 * - `domain`, `dataproduct`: on each product database, inherited by its tables and columns.
 * - `classification`: sensitivity level; the database carries the default level, columns that
 *   differ carry their own. Analyst grants match `classification in (<levels within clearance>)`.
 * - `class-<c>`: `yes`/`no`; the database says `no`, columns of the class say `yes`. Purpose grants
 *   match `class-<c> = no` for every class the purpose may not see (expressions cannot say NOT).
 * - `access-<role>`: `read`/`write`/`admin` on each table a product role may use whole.
 * - `purpose-<p>`: `bound` on the database of each product bound to the purpose (the purpose's
 *   one DATABASE grant matches it), `allowed` on each table the purpose may read whole (the
 *   table value overrides the inherited `bound`, which no table grant matches).
 */
export const LF_TAG = {
  domain: 'domain',
  product: 'dataproduct',
  classification: 'classification',
  classKey: (className: string) => `class-${className}`,
  accessKey: (role: ProductRoleName) => `access-${role}`,
  purposeKey: (purpose: string) => `purpose-${purpose}`,
  yes: 'yes',
  no: 'no',
  allowed: 'allowed',
  bound: 'bound',
} as const;

/** One key and the values a tag-policy expression or a resource assignment uses. */
export interface LfTagCondition {
  readonly key: string;
  readonly values: readonly string[];
}

/**
 * The LF-tags one environment defines, key -> sorted values: what `LakeFoundation` creates and
 * what the quota rules count.
 */
export function environmentLfTags(mesh: Mesh, environment: string): Map<string, string[]> {
  const products = mesh.productsIn(environment);
  const c = mesh.classification;
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
  const tags: [string, string[]][] = [
    [LF_TAG.domain, sorted(products.map((p) => p.domain))],
    [LF_TAG.product, sorted(products.map((p) => p.id))],
    [LF_TAG.classification, sorted(c.levels)],
    ...c.classNames.map((cls): [string, string[]] => [LF_TAG.classKey(cls), [LF_TAG.no, LF_TAG.yes]]),
    ...PRODUCT_ROLES.map((role): [string, string[]] => [LF_TAG.accessKey(role), sorted(ACCESS_LEVELS)]),
    ...mesh.purposesIn(environment).map((p): [string, string[]] => [LF_TAG.purposeKey(p.name), [LF_TAG.allowed, LF_TAG.bound]]),
  ];
  // Lake Formation requires at least one value per tag (Terraform refuses `values = []`): an
  // environment no product has reached yet defines no `domain` or `dataproduct` tag, and nothing
  // refers to one there.
  return new Map(tags.filter(([, values]) => values.length > 0));
}

/**
 * The tags every product database carries: domain, product, the default level, and `no` for
 * every class (columns of a class say `yes`). Purposes bound to the product add theirs.
 */
export function databaseLfTags(classification: Classification, product: DataProduct): { key: string; value: string }[] {
  return [
    { key: LF_TAG.domain, value: product.domain },
    { key: LF_TAG.product, value: product.id },
    { key: LF_TAG.classification, value: classification.defaultLevel },
    ...classification.classNames.map((cls) => ({ key: LF_TAG.classKey(cls), value: LF_TAG.no })),
  ];
}

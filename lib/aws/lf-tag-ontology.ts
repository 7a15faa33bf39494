import { ProductRoleName } from '../model';

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

import { createHash } from 'crypto';

/** Patterns for the AWS values an environment names; `NAME_PATTERNS` in lib/model/names.ts has the rest. */
export const AWS_NAME_PATTERNS = {
  account: /^\d{12}$/,
  region: /^[a-z]{2}(-[a-z]+)+-\d$/,
  bucket: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  // Written as in schema/meshgrant.schema.json, whose text test/spec/spec-coverage compares with this one.
  // eslint-disable-next-line no-useless-escape
  iamArn: /^arn:aws[a-z-]*:iam::\d{12}:(root|role\/[\w+=,.@\/-]+|user\/[\w+=,.@\/-]+)$/,
  /** S3 key prefix segments of safe characters, no leading, trailing or doubled slash. */
  keyPrefix: /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/,
  kmsKeyArn: /^arn:aws[a-z-]*:kms:[a-z]{2}(-[a-z]+)+-\d:\d{12}:key\/[A-Za-z0-9-]{1,128}$/,
} as const;

/** IAM role names are at most 64 characters. */
export const IAM_ROLE_NAME_MAX = 64;

/**
 * Keeps a name within `max` characters: a name that fits is returned as is; a longer one is
 * cut and ends with a short hash of the full name, so shortened names stay unique and stable.
 */
export function fitName(name: string, max: number): string {
  if (name.length <= max) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, max - hash.length - 1).replace(/[-_.]+$/, '')}-${hash}`;
}

/** `payments.card-transactions` -> `payments_card_transactions`: Glue names allow only [a-z0-9_]. */
export function glueName(...parts: string[]): string {
  return parts.join('_').replace(/[^a-z0-9_]/g, '_');
}

/** The parts of an environment and a product that AWS names are made of. */
type NamedEnvironment = { readonly prefix: string };
type NamedProduct = {
  readonly domain: string;
  readonly name: string;
  /** A database name or storage prefix the product declares (`catalog`), kept as written. */
  readonly catalog?: { readonly database?: string; readonly storagePrefix?: string };
};

/** IAM role name of one of a product's roles: `<prefix>-<domain>-<name>-<role>`, fitted to 64 characters. */
export function productRoleName(env: NamedEnvironment, product: NamedProduct, role: string): string {
  return fitName(`${env.prefix}-${product.domain}-${product.name}-${role}`, IAM_ROLE_NAME_MAX);
}

/** IAM role name of a purpose: `<prefix>-purpose-<purpose>`, fitted to 64 characters. */
export function purposeRoleName(env: NamedEnvironment, purpose: string): string {
  return fitName(`${env.prefix}-purpose-${purpose}`, IAM_ROLE_NAME_MAX);
}

/** Athena workgroup of a purpose: `<prefix>-purpose-<purpose>`, like its role (workgroup names allow 128 characters). */
export function purposeWorkgroupName(env: NamedEnvironment, purpose: string): string {
  return `${env.prefix}-purpose-${purpose}`;
}

/** Glue database of a product: the one its catalog names, else `<prefix>_<domain>_<name>`. */
export function productDatabaseName(env: NamedEnvironment, product: NamedProduct): string {
  return product.catalog?.database ?? glueName(env.prefix, product.domain, product.name);
}

/** Key prefix of a product's data in the environment's bucket: the one its catalog names, else `<domain>/<name>`. */
export function productStoragePrefix(product: NamedProduct): string {
  return product.catalog?.storagePrefix ?? `${product.domain}/${product.name}`;
}

/** IAM role name of a principal of global policies: `<prefix>-<principal id>` (`acme-dev-policy-0123456789`). */
export function policyRoleName(env: NamedEnvironment, principalId: string): string {
  return fitName(`${env.prefix}-${principalId}`, IAM_ROLE_NAME_MAX);
}

import { SpecCheck } from '../model/spec-check';
import { SpecPath } from '../model/problems';
import { AWS_NAME_PATTERNS } from './names';

/** Where an environment's Terraform state lives (S3 backend, locked with a lock file). */
export interface StateBackendSpec {
  /** S3 bucket holding the state. */
  readonly bucket: string;
  /**
   * Region of the bucket.
   * @default - the environment's region
   */
  readonly region?: string;
  /**
   * Key prefix; the state key is `<keyPrefix>/<environment>.tfstate`.
   * @default 'meshgrant'
   */
  readonly keyPrefix?: string;
  /**
   * KMS key for server-side encryption of the state object.
   * @default - S3-managed encryption (`encrypt = true`)
   */
  readonly kmsKeyId?: string;
}

/**
 * How Lake Formation governs an environment's tables: `lake-formation` (only Lake Formation
 * grants count) or `hybrid` (storage registered in hybrid access mode, meshgrant's principals
 * opted in, every other principal keeps its IAM access: the way to adopt Lake Formation in a lake
 * already read through IAM).
 */
export type AccessMode = 'lake-formation' | 'hybrid';

/**
 * The fields of an environment that only AWS understands. In the YAML they sit next to the
 * common fields (`name`, `prefix`, `identity`, ...); the model keeps them as one group.
 */
export interface AwsEnvironmentSpec {
  /** 12-digit AWS account id; the provider refuses any other account. */
  readonly account: string;
  /** AWS region, e.g. `eu-west-1`. */
  readonly region: string;
  /** Terraform state backend. */
  readonly backend: StateBackendSpec;
  /** Lake bucket where output-port data lives: `s3://<bucket>/<domain>/<product>/<port>/`. */
  readonly dataBucket: string;
  /**
   * Role that applies this environment's Terraform. It is kept as a Lake Formation admin and is
   * never granted data access (its implicit permissions cannot be revoked).
   */
  readonly deployRoleArn: string;
  /**
   * Extra Lake Formation data lake administrators.
   * @default - none
   */
  readonly lakeAdmins?: readonly string[];
  /**
   * Whether this environment's stack owns the account-wide Lake Formation data lake settings.
   * Turn off when another tool owns them; they are authoritative and must have one owner.
   * @default true
   */
  readonly manageDataLakeSettings?: boolean;
  /**
   * `hybrid` while the lake's consumers still read through IAM: locations are registered with
   * hybrid access enabled, meshgrant's principals are opted in per database, and the account's
   * default permissions (`IAM_ALLOWED_PRINCIPALS`) stay as AWS sets them. Every table of the
   * environment then also stays open to IAM-only access.
   * @default 'lake-formation'
   */
  readonly accessMode?: AccessMode;
  /**
   * Principals of other accounts this environment may name, each with a reason.
   * @default - none: every ARN of the environment belongs to its own account
   */
  readonly foreignPrincipals?: readonly ForeignPrincipalSpec[];
  /**
   * Where the Athena workgroup of each purpose writes its query results, and how they are encrypted.
   * @default - `s3://<dataBucket>/_query-results/<purpose>/`, encrypted with S3-managed keys
   */
  readonly queryResults?: QueryResultsSpec;
}

/**
 * Where purposes' query results go: `s3://<bucket>/<prefix>/<purpose>/`. Query results hold copies
 * of what a purpose read, so each purpose's role reads and writes only its own prefix.
 */
export interface QueryResultsSpec {
  /**
   * Bucket of the results, in the environment's account.
   * @default - the environment's `dataBucket`
   */
  readonly bucket?: string;
  /**
   * Key prefix, without leading or trailing slash.
   * @default '_query-results' (a domain name cannot start with `_`, so it never meets a product's storage)
   */
  readonly prefix?: string;
  /**
   * KMS key ARN that encrypts the results (SSE-KMS); the purpose roles may use it.
   * @default - S3-managed keys (SSE-S3)
   */
  readonly kmsKeyArn?: string;
}

/**
 * A principal of another account that an environment names on purpose (a central deploy role,
 * an auditor's lake admin role, a directory account's federated roles).
 */
export interface ForeignPrincipalSpec {
  /** One ARN accepted; exactly one of `principal` and `account`. */
  readonly principal?: string;
  /** Every principal of this 12-digit account accepted; exactly one of `principal` and `account`. */
  readonly account?: string;
  /** Why this account may be trusted here, in words a reviewer can check (20 characters or more). */
  readonly reason: string;
}

/** The AWS fields of a validated environment, with defaults applied. */
export interface AwsEnvironment {
  readonly account: string;
  readonly region: string;
  readonly backend: Required<Omit<StateBackendSpec, 'kmsKeyId'>> & { readonly kmsKeyId?: string };
  readonly dataBucket: string;
  readonly deployRoleArn: string;
  readonly lakeAdmins: readonly string[];
  readonly manageDataLakeSettings: boolean;
  readonly accessMode: AccessMode;
  readonly queryResults: { readonly bucket: string; readonly prefix: string; readonly kmsKeyArn?: string };
}

/** Default key prefix of query results in the data bucket: no domain name starts with `_`. */
export const DEFAULT_QUERY_RESULTS_PREFIX = '_query-results';

/** The account root principal: admits any principal of the account that its own policies allow. */
export function accountRoot(account: string): string {
  return `arn:aws:iam::${account}:root`;
}

/** Checks a principal ARN: named exactly, never a wildcard. */
export function checkPrincipal(check: SpecCheck, value: string | undefined, path: SpecPath, what: string): void {
  if (typeof value === 'string' && value.includes('*')) {
    check.add(path, `${what} \`${value}\` contains a wildcard; principals must be named exactly`);
    return;
  }
  check.pattern(value, AWS_NAME_PATTERNS.iamArn, path, what, 'an IAM ARN (arn:aws:iam::<account>:role/<name>, :user/<name> or :root)');
}

/** Checks the AWS fields of one environment. */
export function checkAwsEnvironment(check: SpecCheck, e: AwsEnvironmentSpec & { readonly name: string }, p: SpecPath): void {
  check.pattern(e.account, AWS_NAME_PATTERNS.account, [...p, 'account'], `environment ${e.name}: account`, 'a 12-digit AWS account id');
  check.pattern(e.region, AWS_NAME_PATTERNS.region, [...p, 'region'], `environment ${e.name}: region`, 'an AWS region such as eu-west-1');
  check.pattern(e.dataBucket, AWS_NAME_PATTERNS.bucket, [...p, 'dataBucket'], `environment ${e.name}: dataBucket`, 'an S3 bucket name');
  check.pattern(
    e.backend?.bucket,
    AWS_NAME_PATTERNS.bucket,
    [...p, 'backend', 'bucket'],
    `environment ${e.name}: backend bucket`,
    'an S3 bucket name',
  );
  checkPrincipal(check, e.deployRoleArn, [...p, 'deployRoleArn'], `environment ${e.name}: deployRoleArn`);
  (e.lakeAdmins ?? []).forEach((a, j) => checkPrincipal(check, a, [...p, 'lakeAdmins', j], `environment ${e.name}: lake admin`));
  checkQueryResults(check, e, [...p, 'queryResults']);
}

/** Checks where query results go: a bucket name, a plain key prefix, a KMS key ARN of the environment's account and region. */
function checkQueryResults(check: SpecCheck, e: AwsEnvironmentSpec & { readonly name: string }, p: SpecPath): void {
  const q = e.queryResults;
  if (q === undefined) return;
  const what = `environment ${e.name}: queryResults`;
  if (q.bucket !== undefined) check.pattern(q.bucket, AWS_NAME_PATTERNS.bucket, [...p, 'bucket'], `${what} bucket`, 'an S3 bucket name');
  if (q.prefix !== undefined)
    check.pattern(
      q.prefix,
      AWS_NAME_PATTERNS.keyPrefix,
      [...p, 'prefix'],
      `${what} prefix`,
      'a key prefix such as athena/results (no leading or trailing /)',
    );
  if (q.kmsKeyArn !== undefined)
    check.pattern(
      q.kmsKeyArn,
      AWS_NAME_PATTERNS.kmsKeyArn,
      [...p, 'kmsKeyArn'],
      `${what} kmsKeyArn`,
      'a KMS key ARN, arn:aws:kms:<region>:<account>:key/<key id>',
    );
}

/** Lake Formation tags and data lake settings are per account and region: one environment owns each pair. */
export function checkAwsEnvironmentsApart(check: SpecCheck, envs: readonly (AwsEnvironmentSpec & { readonly name: string })[]): void {
  const accounts = new Map<string, string>();
  envs.forEach((e, i) => {
    const where = `${e.account}/${e.region}`;
    const other = accounts.get(where);
    if (other !== undefined) {
      check.add(
        ['environments', i, 'account'],
        `environments ${other} and ${e.name} share account ${e.account} in ${e.region}; each environment needs its own account or region, because Lake Formation tags and settings are account-wide`,
      );
    }
    accounts.set(where, e.name);
  });
}

/** Applies the AWS defaults to an environment spec that has passed validation. */
export function toAwsEnvironment(spec: AwsEnvironmentSpec): AwsEnvironment {
  return {
    account: spec.account,
    region: spec.region,
    backend: {
      bucket: spec.backend.bucket,
      region: spec.backend.region ?? spec.region,
      keyPrefix: spec.backend.keyPrefix ?? 'meshgrant',
      kmsKeyId: spec.backend.kmsKeyId,
    },
    dataBucket: spec.dataBucket,
    deployRoleArn: spec.deployRoleArn,
    lakeAdmins: [...new Set(spec.lakeAdmins ?? [])].sort(),
    manageDataLakeSettings: spec.manageDataLakeSettings ?? true,
    accessMode: spec.accessMode ?? 'lake-formation',
    queryResults: {
      bucket: spec.queryResults?.bucket ?? spec.dataBucket,
      prefix: spec.queryResults?.prefix ?? DEFAULT_QUERY_RESULTS_PREFIX,
      ...(spec.queryResults?.kmsKeyArn !== undefined ? { kmsKeyArn: spec.queryResults.kmsKeyArn } : {}),
    },
  };
}

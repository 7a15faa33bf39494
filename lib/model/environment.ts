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

/** How directory identities become AWS principals in one environment. */
export interface IdentityMappingSpec {
  /** Directory group name -> IAM principal ARN (e.g. the role of an IAM Identity Center permission set). */
  readonly groups?: Readonly<Record<string, string>>;
  /** Directory user name -> IAM principal ARN. */
  readonly users?: Readonly<Record<string, string>>;
  /**
   * Roles whose sessions carry the directory attributes (as session tags) used by attribute
   * rules: IAM Identity Center permission-set roles or SAML-federated roles. Trust policies admit
   * their sessions on `aws:PrincipalTag/<attribute>` conditions. Never the account root or an
   * IAM user: any principal of the account, or whoever may tag the user, could then qualify.
   * @default - none; attribute rules need at least one in every environment they reach
   */
  readonly attributeSessionPrincipals?: readonly string[];
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

/** A deployment target: one AWS account and region, one Terraform stack. */
export interface EnvironmentSpec {
  /** Short lower-case name, e.g. `dev`, `prod`. */
  readonly name: string;
  /** 12-digit AWS account id; the provider refuses any other account. */
  readonly account: string;
  /** AWS region, e.g. `eu-west-1`. */
  readonly region: string;
  /**
   * Prefix of every name this environment creates (IAM roles, Glue databases).
   * @default - `mg-<name>`
   */
  readonly prefix?: string;
  /** Environment this one promotes to (dev -> prod); products reach it only after this one. */
  readonly promotesTo?: string;
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
  /** How directory groups, users and attributes map to principals here. */
  readonly identity?: IdentityMappingSpec;
  /**
   * Principals of other accounts this environment may name, each with a reason.
   * @default - none: every ARN of the environment belongs to its own account
   */
  readonly foreignPrincipals?: readonly ForeignPrincipalSpec[];
  /**
   * Tags applied to every AWS resource of the environment (provider default tags).
   * @default - `{ ManagedBy: meshgrant, Environment: <name> }` only
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A validated environment, with defaults applied. */
export interface Environment {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly prefix: string;
  readonly promotesTo?: string;
  readonly backend: Required<Omit<StateBackendSpec, 'kmsKeyId'>> & { readonly kmsKeyId?: string };
  readonly dataBucket: string;
  readonly deployRoleArn: string;
  readonly lakeAdmins: readonly string[];
  readonly manageDataLakeSettings: boolean;
  readonly groups: ReadonlyMap<string, string>;
  readonly users: ReadonlyMap<string, string>;
  readonly attributeSessionPrincipals: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

const sortedMap = (r: Readonly<Record<string, string>> | undefined) =>
  new Map(Object.keys(r ?? {}).sort().map((k) => [k, r![k]] as const));

const sortedRecord = (r: Record<string, string>) =>
  Object.fromEntries(Object.keys(r).sort().map((k) => [k, r[k]]));

/** Applies defaults to a spec that has passed validation. */
export function toEnvironment(spec: EnvironmentSpec): Environment {
  return {
    name: spec.name,
    account: spec.account,
    region: spec.region,
    prefix: spec.prefix ?? `mg-${spec.name}`,
    promotesTo: spec.promotesTo,
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
    groups: sortedMap(spec.identity?.groups),
    users: sortedMap(spec.identity?.users),
    attributeSessionPrincipals: [...new Set(spec.identity?.attributeSessionPrincipals ?? [])].sort(),
    tags: sortedRecord({ ...(spec.tags ?? {}), ManagedBy: 'meshgrant', Environment: spec.name }),
  };
}

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
   * Principals whose sessions carry the directory attributes (as session tags) used by attribute
   * rules; trust policies admit them on `aws:PrincipalTag/<attribute>` conditions.
   * @default - the environment account's root, so any session of the account with matching tags
   */
  readonly attributeSessionPrincipals?: readonly string[];
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
    attributeSessionPrincipals: [
      ...new Set(spec.identity?.attributeSessionPrincipals ?? [`arn:aws:iam::${spec.account}:root`]),
    ].sort(),
    tags: sortedRecord({ ...(spec.tags ?? {}), ManagedBy: 'meshgrant', Environment: spec.name }),
  };
}

import { isObject } from '../input/json-object';

/** A table, or a whole database (`name` undefined), that an event reads. */
export interface EventTable {
  readonly database: string;
  readonly name?: string;
}

/** Who made a request, as CloudTrail's `userIdentity` says. */
export interface EventIdentity {
  /** `AssumedRole`, `IAMUser`, `AWSService`, ... */
  readonly type: string;
  /** The identity's ARN: for a role session `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
  readonly arn?: string;
  /** The role a session is of (`sessionContext.sessionIssuer.arn`), with its path. */
  readonly roleArn?: string;
  /** The role's name, from the issuer or the session ARN. */
  readonly roleName?: string;
  /** The session name: who assumed the role, as the identity provider or the caller named the session. */
  readonly session?: string;
}

/** One CloudTrail record of a data read: Lake Formation, Athena or a Glue catalog read. */
export interface DataAccessEvent {
  /** `eventTime`, as an ISO instant in UTC. */
  readonly time: string;
  /** The UTC day of `time`. */
  readonly day: string;
  /** `lakeformation:GetDataAccess`, `athena:StartQueryExecution`, `glue:GetTable`, ... */
  readonly action: string;
  readonly account: string;
  readonly region: string;
  readonly identity: EventIdentity;
  readonly table?: EventTable;
  /** Athena: `requestParameters.workGroup` (`primary` when the request names none). */
  readonly workgroup?: string;
  /**
   * Athena query ids the event belongs to: a query's `queryExecutionId`, and the ids found in a
   * `GetDataAccess` record's `auditContext` (Athena passes its query id there).
   */
  readonly queryIds: readonly string[];
  /** `ok`, or the record's `errorCode` (`AccessDenied`...). */
  readonly outcome: string;
  readonly eventId: string;
}

/** The events audit reads, by event source; every other record is counted and left out. */
const READS: Readonly<Record<string, { service: string; names: ReadonlySet<string> }>> = {
  'lakeformation.amazonaws.com': { service: 'lakeformation', names: new Set(['GetDataAccess']) },
  'athena.amazonaws.com': { service: 'athena', names: new Set(['StartQueryExecution']) },
  'glue.amazonaws.com': {
    service: 'glue',
    names: new Set(['BatchGetPartition', 'GetPartition', 'GetPartitions', 'GetTable', 'GetTableVersion', 'GetTableVersions', 'GetTables']),
  },
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TABLE_ARN = /^arn:aws[a-z-]*:glue:[^:]*:\d{12}:table\/([^/]+)\/(.+)$/;
const SESSION_ARN = /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\/([^/]+)\/(.+)$/;

/**
 * The data-access event a CloudTrail record holds; `undefined` when the record is of another
 * event (not a data read); a message when it is a data read audit cannot interpret (no time,
 * no account), so that it is reported rather than dropped.
 */
export function dataAccessEvent(record: unknown): DataAccessEvent | undefined | string {
  if (!isObject(record)) return 'is not a JSON object';
  const source = READS[str(record.eventSource) ?? ''];
  const name = str(record.eventName);
  if (source === undefined || name === undefined || !source.names.has(name)) return undefined;
  const action = `${source.service}:${name}`;
  const millis = Date.parse(str(record.eventTime) ?? '');
  if (!/^\d{4}-\d{2}-\d{2}T/.test(str(record.eventTime) ?? '') || Number.isNaN(millis)) return `${action} has no valid eventTime`;
  // Whole seconds, as CloudTrail writes them; sub-second precision only when a record has it.
  const time = new Date(millis).toISOString().replace('.000Z', 'Z');
  const identity = identityOf(record.userIdentity);
  const account = str(record.recipientAccountId) ?? str(isObject(record.userIdentity) ? record.userIdentity.accountId : undefined);
  if (account === undefined) return `${action} has no recipientAccountId or userIdentity.accountId`;
  const request = isObject(record.requestParameters) ? record.requestParameters : {};
  const response = isObject(record.responseElements) ? record.responseElements : {};
  const table = tableOf(source.service, request);
  const queryIds =
    source.service === 'athena'
      ? [str(response.queryExecutionId)].filter((q): q is string => q !== undefined)
      : source.service === 'lakeformation'
        ? [...new Set((JSON.stringify(request.auditContext ?? null).match(UUID) ?? []).map((u) => u.toLowerCase()))]
        : [];
  return {
    time,
    day: time.slice(0, 10),
    action,
    account,
    region: str(record.awsRegion) ?? '',
    identity,
    ...(table !== undefined ? { table } : {}),
    ...(source.service === 'athena' ? { workgroup: str(request.workGroup) ?? 'primary' } : {}),
    queryIds: queryIds.map((q) => q.toLowerCase()),
    outcome: str(record.errorCode) ?? 'ok',
    eventId: str(record.eventID) ?? '',
  };
}

function identityOf(value: unknown): EventIdentity {
  if (!isObject(value)) return { type: 'unknown' };
  const arn = str(value.arn);
  const issuer = isObject(value.sessionContext) && isObject(value.sessionContext.sessionIssuer) ? value.sessionContext.sessionIssuer : {};
  const roleArn = str(issuer.type) === 'Role' ? str(issuer.arn) : undefined;
  const session = arn !== undefined ? SESSION_ARN.exec(arn) : null;
  const roleName = roleArn !== undefined ? roleArn.slice(roleArn.lastIndexOf('/') + 1) : (session?.[1] ?? undefined);
  return {
    type: str(value.type) ?? 'unknown',
    ...(arn !== undefined ? { arn } : {}),
    ...(roleArn !== undefined ? { roleArn } : {}),
    ...(roleName !== undefined ? { roleName } : {}),
    ...(session !== null ? { session: session[2] } : {}),
  };
}

/** The table a read names: Lake Formation by ARN, Glue by database and table (or database only). */
function tableOf(service: string, request: Readonly<Record<string, unknown>>): EventTable | undefined {
  if (service === 'lakeformation') {
    const m = TABLE_ARN.exec(str(request.tableArn) ?? '');
    return m === null ? undefined : { database: m[1], name: m[2] };
  }
  if (service !== 'glue') return undefined;
  const database = str(request.databaseName);
  if (database === undefined) return undefined;
  const name = str(request.tableName) ?? str(request.name);
  return name === undefined ? { database } : { database, name };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

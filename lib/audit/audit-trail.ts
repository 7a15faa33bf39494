import { StackAttribution } from '../readback/attribution';
import { compare } from '../readback/catalog';
import { AccessPrincipal, EffectiveAccess } from '../readback/effective-access';
import { portableNames } from '../reports/access-identity';
import { CloudTrailProblem, CloudTrailReading } from './cloudtrail-files';
import { DataAccessEvent, dataAccessEvent } from './data-access-event';

/** The question audit answers: who accessed tables holding a class, in an environment, for a purpose, between days. */
export interface AuditFilters {
  /** Only events on tables holding this class (for a query: on the tables it read). */
  readonly class?: string;
  readonly environment?: string;
  readonly purpose?: string;
  /** First day, `YYYY-MM-DD` UTC, inclusive. */
  readonly from?: string;
  /** Last day, `YYYY-MM-DD` UTC, inclusive. */
  readonly to?: string;
}

/** One data-access event, attributed. */
export interface AuditLine {
  readonly time: string;
  /** The environment of the stack whose account and region the event happened in; `-` when none. */
  readonly environment: string;
  readonly action: string;
  /**
   * `payments.transactions/analyst`, `purpose:fraud-detection`, `policy:<names>` (`... for <way in>` when it guards one), `role:<name>`
   * for another role of the stack; for a principal meshgrant does not know, its ARN as CloudTrail gives it.
   */
  readonly principal: string;
  /** Whether the synthesized output declares the principal. */
  readonly known: boolean;
  /** The role session's name (who assumed the role), when the principal is a role session. */
  readonly session: string;
  /** The purpose the principal works for (its `Purpose` tag, or the purpose it guards the way into), else the workgroup's; empty when none says. */
  readonly purpose: string;
  /** `<database>.<table>`, `<database>.*` for a database-wide read; for a query, the tables it read, space-separated. */
  readonly tables: readonly string[];
  /** Classes the tables hold, sorted. */
  readonly classes: readonly string[];
  /**
   * Of those, the classes the principal's grants let it read there (columns of the class it may
   * select), sorted; empty for a principal meshgrant does not know.
   */
  readonly readableClasses: readonly string[];
  readonly workgroup: string;
  readonly outcome: string;
}

/** The answer, with everything that was not part of it counted or listed. */
export interface AuditReport {
  /** Events of principals meshgrant declares that pass the filters, by time. */
  readonly lines: readonly AuditLine[];
  /** Events of principals meshgrant does not know, by time: never left out for want of a purpose or class. */
  readonly unknown: readonly AuditLine[];
  readonly counts: {
    readonly files: number;
    readonly digests: number;
    readonly records: number;
    /** Data-access events read. */
    readonly events: number;
    /** Data-access events that do not pass the filters. */
    readonly outsideFilters: number;
    /** Records of other events (not data reads). */
    readonly otherEvents: number;
  };
  /** Files and records that could not be read. */
  readonly problems: readonly CloudTrailProblem[];
}

/**
 * Attributes each data-access event of the logs to what the synthesized stacks declare and
 * answers `filters`. The environment is the stack of the event's account and region; the
 * principal is the role the session belongs to (its issuer's ARN, or its name in the account);
 * the purpose is the role's `Purpose` tag, or the Athena workgroup's. A query's tables are
 * those Lake Formation vended data for under the same query id.
 * @param access effective access read back from the same output: which classes each principal may read of each table
 */
export function auditTrail(
  reading: CloudTrailReading,
  stacks: readonly StackAttribution[],
  filters: AuditFilters,
  access: readonly EffectiveAccess[] = [],
): AuditReport {
  const readable = new Map(
    access.map((a) => [
      `${a.environment}\u0000${a.principal.arn}\u0000${a.database}.${a.table}`,
      Object.values(a.columnClasses ?? {}).flat(),
    ]),
  );
  const problems: CloudTrailProblem[] = [...reading.problems];
  const events: DataAccessEvent[] = [];
  let otherEvents = 0;
  for (const { file, index, record } of reading.records) {
    const event = dataAccessEvent(record);
    if (event === undefined) otherEvents++;
    else if (typeof event === 'string') problems.push({ file, message: `Records[${index}] ${event}` });
    else events.push(event);
  }
  const tablesOfQuery = new Map<string, Set<string>>();
  for (const e of events)
    if (e.action === 'lakeformation:GetDataAccess' && e.table !== undefined)
      for (const q of e.queryIds) tablesOfQuery.set(q, (tablesOfQuery.get(q) ?? new Set()).add(tableName(e.table)));

  const lines: AuditLine[] = [];
  const unknown: AuditLine[] = [];
  let outsideFilters = 0;
  for (const e of events) {
    const stack = stacks.find((s) => s.account === e.account && s.region === e.region) ?? stacks.find((s) => s.account === e.account);
    const principal = stack === undefined ? undefined : principalOf(e, stack);
    const workgroup = e.workgroup !== undefined ? stack?.workgroups.get(e.workgroup) : undefined;
    const tables =
      e.table !== undefined
        ? [tableName(e.table)]
        : [...e.queryIds.flatMap((q) => [...(tablesOfQuery.get(q) ?? [])])].filter((t, i, all) => all.indexOf(t) === i).sort(compare);
    const classes = stack === undefined ? undefined : classesOf(tables, stack);
    const line: AuditLine = {
      time: e.time,
      environment: stack?.environment ?? '-',
      action: e.action,
      principal: principal !== undefined ? portableNames([]).principal(principal) : (e.identity.arn ?? e.identity.type),
      known: principal !== undefined,
      session: e.identity.session ?? '',
      purpose: (principal !== undefined ? stack?.purposeOfRole.get(principal.arn) : undefined) ?? workgroup?.purpose ?? '',
      tables,
      classes: classes ?? [],
      readableClasses:
        principal === undefined || stack === undefined
          ? []
          : [...new Set(tables.flatMap((t) => readable.get(`${stack.environment}\u0000${principal.arn}\u0000${t}`) ?? []))].sort(compare),
      workgroup: e.workgroup ?? '',
      outcome: e.outcome,
    };
    // What is unknown about an event never filters it out of the unknown principals' list.
    const inside =
      (filters.from === undefined || e.day >= filters.from) &&
      (filters.to === undefined || e.day <= filters.to) &&
      (filters.environment === undefined || line.environment === filters.environment) &&
      (filters.purpose === undefined || line.purpose === filters.purpose || (!line.known && line.purpose === '')) &&
      (filters.class === undefined || line.classes.includes(filters.class) || (!line.known && classes === undefined));
    if (!inside) outsideFilters++;
    else (line.known ? lines : unknown).push(line);
  }
  const byTime = (a: AuditLine, b: AuditLine) =>
    compare(a.time, b.time) || compare(a.principal, b.principal) || compare(a.action, b.action);
  return {
    lines: lines.sort(byTime),
    unknown: unknown.sort(byTime),
    counts: {
      files: reading.files,
      digests: reading.digests,
      records: reading.records.length,
      events: events.length,
      outsideFilters,
      otherEvents,
    },
    problems,
  };
}

const tableName = (t: { database: string; name?: string }) => `${t.database}.${t.name ?? '*'}`;

/** The stack's role the event's session is of: by the issuer's ARN, else by the role name in the session ARN. */
function principalOf(e: DataAccessEvent, stack: StackAttribution): AccessPrincipal | undefined {
  const { roleArn, roleName } = e.identity;
  if (roleArn !== undefined) return stack.roles.get(roleArn);
  return roleName !== undefined && e.identity.type === 'AssumedRole' ? stack.rolesByName.get(roleName) : undefined;
}

/** Classes the tables hold; undefined when one of them is not declared in the stack (its classes are unknown). */
function classesOf(tables: readonly string[], stack: StackAttribution): string[] | undefined {
  if (tables.length === 0) return undefined;
  const out = new Set<string>();
  for (const t of tables) {
    const classes = t.endsWith('.*') ? stack.databaseClasses.get(t.slice(0, -2)) : stack.tableClasses.get(t);
    if (classes === undefined) return undefined;
    classes.forEach((c) => out.add(c));
  }
  return [...out].sort(compare);
}

import { compare as compareText } from '../readback/catalog';
import { EffectiveAccess, TrustedMembers } from '../readback/effective-access';
import { ReadbackProblem } from '../readback/readback-problems';
import { describeRuleTests } from '../readback/tag-tests';
import { portableNames } from './access-identity';

/** What a principal can do on one table. */
export interface AccessState {
  /** Sorted. */
  readonly columns: readonly string[];
  /** Classes of the columns that have any (`{ email: ['pii'] }`), when readback knows them. */
  readonly columnClasses?: Readonly<Record<string, readonly string[]>>;
  /** Row filter; undefined means all rows. */
  readonly rows?: string;
  /** Sorted. */
  readonly permissions: readonly string[];
  /** Sorted. */
  readonly grantable: readonly string[];
}

/** Items one side has and the other has not. */
export interface Delta {
  readonly gained: readonly string[];
  readonly lost: readonly string[];
}

/** Whose access to which table a report line is about. */
export interface AccessSubject {
  /** Environment of the new side (of the old one for access that is removed). */
  readonly environment: string;
  /** Environment-independent principal name, e.g. `payments.transactions/analyst`. */
  readonly principal: string;
  /** IAM role name on the new side (old side for access that is removed). */
  readonly roleName: string;
  readonly database: string;
  readonly table: string;
  readonly purpose?: string;
}

/** The subject of a report line alone, e.g. to name a change elsewhere. */
export function subjectOf(s: AccessSubject): AccessSubject {
  const { environment, principal, roleName, database, table, purpose } = s;
  return { environment, principal, roleName, database, table, ...(purpose !== undefined ? { purpose } : {}) };
}

/** How one principal's access to one table changed. */
export interface AccessChange extends AccessSubject {
  /** `added`: no access before; `removed`: none after; `modified`: both, different. */
  readonly change: 'added' | 'removed' | 'modified';
  readonly before?: AccessState;
  readonly after?: AccessState;
  readonly columns: Delta;
  readonly permissions: Delta;
  readonly grantable: Delta;
  /** True when the new side reaches more: a new principal or table, more columns, fewer row restrictions, more permissions or grant options. */
  readonly widens: boolean;
}

/** How the members a principal trusts changed (same environment only: member ARNs are environment-specific). */
export interface MemberChange {
  readonly environment: string;
  readonly principal: string;
  readonly roleName: string;
  /** Trusted principal ARNs and attribute rules (`attributes k=v|w on <arn>`), sorted. */
  readonly members: Delta;
  readonly widens: boolean;
}

/** The difference in access between two sets of effective access. */
export interface AccessDiff {
  /** Sorted by environment, principal, table. */
  readonly changes: readonly AccessChange[];
  /** Sorted by environment, principal. */
  readonly members: readonly MemberChange[];
  /**
   * What readback does not understand on the new side: access there may be wider than the
   * changes say, so each one counts as possible widening (fail closed). In stack order; absent
   * when readback understood everything.
   */
  readonly notUnderstood?: readonly ReadbackProblem[];
  /** True when anyone gains anything, or may (`notUnderstood`): CI asks for an approval. */
  readonly widens: boolean;
}

/** How the two sides are matched. */
export interface DiffOptions {
  /**
   * Compare different environments (dev against prod): match principals and tables by their
   * environment-independent names and leave trusted members out. Otherwise access is matched
   * within each environment and member changes are listed too.
   */
  readonly acrossEnvironments?: boolean;
  /**
   * Readback's problems with the new side (`readAccessReport(...).problems` of those stacks):
   * those that `mayWiden` make the diff widen.
   */
  readonly afterProblems?: readonly ReadbackProblem[];
}

interface Side {
  readonly access: EffectiveAccess;
  readonly principal: string;
  readonly state: AccessState;
}

/**
 * Gained and lost access from `before` to `after` (two synthesized outputs, or two environments
 * with `acrossEnvironments`). Pure and deterministic.
 */
export function diffAccess(before: readonly EffectiveAccess[], after: readonly EffectiveAccess[], options: DiffOptions = {}): AccessDiff {
  const across = options.acrossEnvironments === true;
  const index = (list: readonly EffectiveAccess[]) => {
    const names = portableNames(list);
    const out = new Map<string, Side>();
    for (const access of list) {
      const principal = names.principal(access.principal);
      // Within an environment the concrete names are exact; across environments only portable names match.
      const key = (
        across
          ? [names.principalKey(access.principal), names.table(access)]
          : [access.environment, access.principal.arn, `${access.database}.${access.table}`]
      )
        .concat(access.purpose ?? '')
        .join('\u0000');
      const earlier = out.get(key);
      out.set(key, {
        access: earlier?.access ?? access,
        principal,
        state: earlier ? union(earlier.state, stateOf(access)) : stateOf(access),
      });
    }
    return out;
  };
  const old = index(before);
  const now = index(after);
  const changes: AccessChange[] = [];
  for (const key of new Set([...old.keys(), ...now.keys()])) {
    const change = compare(old.get(key), now.get(key));
    if (change) changes.push(change);
  }
  const members = across ? [] : memberChanges(before, after);
  changes.sort(compareChanges);
  const notUnderstood = (options.afterProblems ?? []).filter((p) => p.mayWiden);
  const widens = notUnderstood.length > 0 || changes.some((c) => c.widens) || members.some((m) => m.widens);
  return { changes, members, ...(notUnderstood.length > 0 ? { notUnderstood } : {}), widens };
}

// The role name last: two principals of global policies may share a name (PortableNames.principalKey).
const sortKey = (c: AccessChange) =>
  `${c.environment}\u0000${c.principal}\u0000${c.database}.${c.table}\u0000${c.purpose ?? ''}\u0000${c.roleName}`;

/** The order of a diff's changes: by environment, principal, table, purpose and role. */
export function compareChanges(a: AccessChange, b: AccessChange): number {
  return compareText(sortKey(a), sortKey(b));
}

function stateOf(a: EffectiveAccess): AccessState {
  return {
    columns: a.columns,
    ...(a.columnClasses ? { columnClasses: a.columnClasses } : {}),
    rows: a.rows,
    permissions: a.permissions,
    grantable: a.grantable,
  };
}

/** Two grants to one principal on one table add up (Lake Formation unions them). */
function union(a: AccessState, b: AccessState): AccessState {
  const merge = (x: readonly string[], y: readonly string[]) => [...new Set([...x, ...y])].sort();
  const rows = a.rows === undefined || b.rows === undefined ? undefined : a.rows === b.rows ? a.rows : `(${a.rows}) OR (${b.rows})`;
  const columnClasses = a.columnClasses || b.columnClasses ? { ...a.columnClasses, ...b.columnClasses } : undefined;
  return {
    columns: merge(a.columns, b.columns),
    ...(columnClasses ? { columnClasses } : {}),
    rows,
    permissions: merge(a.permissions, b.permissions),
    grantable: merge(a.grantable, b.grantable),
  };
}

function delta(before: readonly string[], after: readonly string[]): Delta {
  return { gained: after.filter((x) => !before.includes(x)), lost: before.filter((x) => !after.includes(x)) };
}

const NOTHING: AccessState = { columns: [], permissions: [], grantable: [] };

function compare(old: Side | undefined, now: Side | undefined): AccessChange | undefined {
  const side = (now ?? old)!;
  const before = old?.state ?? NOTHING;
  const after = now?.state ?? NOTHING;
  const columns = delta(before.columns, after.columns);
  const permissions = delta(before.permissions, after.permissions);
  const grantable = delta(before.grantable, after.grantable);
  // A row filter that changes text may admit rows the old one did not: treated as wider.
  const rowsWiden =
    old !== undefined && now !== undefined && before.rows !== after.rows && (after.rows === undefined || before.rows !== undefined);
  const changed = [columns, permissions, grantable].some((d) => d.gained.length + d.lost.length > 0) || before.rows !== after.rows;
  if (old !== undefined && now !== undefined && !changed) return undefined;
  const { access } = side;
  return {
    change: old === undefined ? 'added' : now === undefined ? 'removed' : 'modified',
    environment: access.environment,
    principal: side.principal,
    roleName: access.principal.roleName,
    database: access.database,
    table: access.table,
    ...(access.purpose !== undefined ? { purpose: access.purpose } : {}),
    ...(old ? { before } : {}),
    ...(now ? { after } : {}),
    columns,
    permissions,
    grantable,
    widens: old === undefined || rowsWiden || [columns, permissions, grantable].some((d) => d.gained.length > 0),
  };
}

function memberChanges(before: readonly EffectiveAccess[], after: readonly EffectiveAccess[]): MemberChange[] {
  const principals = (list: readonly EffectiveAccess[]) => {
    const names = portableNames(list);
    return new Map(list.map((a) => [`${a.environment}\u0000${a.principal.arn}`, { access: a, principal: names.principal(a.principal) }]));
  };
  const old = principals(before);
  const now = principals(after);
  const out: MemberChange[] = [];
  // Only principals on both sides: a new or removed principal is already an added or removed access.
  for (const [key, { access, principal }] of now) {
    const was = old.get(key);
    if (!was) continue;
    const members = delta(memberList(was.access.principal.members), memberList(access.principal.members));
    if (members.gained.length + members.lost.length === 0) continue;
    out.push({
      environment: access.environment,
      principal,
      roleName: access.principal.roleName,
      members,
      widens: members.gained.length > 0,
    });
  }
  return out.sort((a, b) =>
    compareText(`${a.environment}\u0000${a.principal}\u0000${a.roleName}`, `${b.environment}\u0000${b.principal}\u0000${b.roleName}`),
  );
}

/** Trusted members as comparable lines. */
function memberList(m: TrustedMembers): string[] {
  const rules = m.attributeRules.map((r) => `attributes ${describeRuleTests(r)} on ${[...r.principals].sort().join(', ')}`);
  return [...new Set([...m.principals, ...rules])].sort();
}

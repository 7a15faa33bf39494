import { Command, Option } from 'commander';
import { formatOption, wideOption } from '../format-option';
import { whoCanBecome } from '../../lib/directory';
import type { DirectorySnapshot } from '../../lib/directory/directory';
import { EffectiveAccess, MemberApproval } from '../../lib/readback/effective-access';
import { portableNames } from '../../lib/reports/access-identity';
import { TableLayout, formatCsv, formatTable } from '../../lib/reports/format-table';
import { describeMembers } from '../../lib/reports/member-names';
import { CliCommand, CliError } from '../cli-command';
import { CliContext } from '../cli-context';
import type { Feedback } from '../feedback';
import { MESH_DIR_HELP, findMeshDir } from '../find-mesh';
import { accessOf, iamOpenNote, readSynthesized, repeatable } from './synthesized-access';

type AccessFormat = 'text' | 'csv' | 'json' | 'md';

/** `--by role`: one line per principal and table; `--by person`: one line per person, table and principal. */
type AccessView = 'role' | 'person';

/** One line of the access report: who (a role, or a person through it) reads what, for which purpose. */
interface AccessLine {
  readonly environment: string;
  /** `payments.transactions/analyst`, `purpose:fraud-detection`, `policy:<names>[<segment>]` (`... for <way in>` when it guards one) or `role:<name>`. */
  readonly principal: string;
  readonly role: string;
  readonly purpose: string;
  /** Global policies whose merged condition admits through this role (its `Policy` tag), `+`-joined; empty when none. */
  readonly policy: string;
  readonly table: string;
  readonly columns: readonly string[];
  /** Row filter, `all` for every row. */
  readonly rows: string;
  readonly permissions: readonly string[];
  readonly grantable: readonly string[];
  /** Who the principal's trust admits: `group g`, `user u`, `attributes k=v ...`, or an ARN no identity maps. */
  readonly members: readonly string[];
  /** The approval the role's tags record for each of `members` (null where none is); absent when none is recorded. */
  readonly memberApprovals?: readonly (MemberApproval | null)[];
  /** With `--directory`, in `--by role`: the people of the snapshot who can become the principal. */
  readonly people?: readonly string[];
  /** In `--by person` and with `--user`: the person. */
  readonly person?: string;
  /** In `--by person` and with `--user`: how the person becomes the principal (`group payments-analysts`). */
  readonly via?: readonly string[];
  /** In `--by person` and with `--user`: the approval the role's tags record for each way in `via` (null where none is recorded). */
  readonly approvals?: readonly (MemberApproval | null)[];
}

/** A member's approval as the synthesized role's tags record it, with the principal it admits to. */
interface ApprovalLine extends MemberApproval {
  readonly environment: string;
  readonly principal: string;
}

/**
 * `meshgrant access [--out DIR] [--env E] [--product P] [--class C] [--user U] [--by role|person]
 * [--directory F] [--format F] [--wide]`: who can access which table, columns and rows, through
 * which role (and who its members are), for which purpose, under which global policies, read
 * back from the synthesized Terraform (not from the spec). `--class pii` keeps the columns the
 * stacks tag `class-pii = yes`; with a directory snapshot, the people behind each role, or
 * (`--by person`, `--user`) one line per person and what they read through which role.
 */
export const accessCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('access')
      .description(
        'who can access what, for which purpose, through which members: effective access read back from the synthesized Terraform',
      )
      .option('--out <dir>', 'cdktf output to read', 'cdktf.out')
      .option('--env <name>', 'only this environment')
      .option('--product <id>', 'only the tables of this data product, e.g. payments.transactions')
      .option('--class <class>', "only columns of this class, e.g. pii (from the columns' class-<class> LF-tags)")
      .option('--user <name>', 'only what this directory user can access, and how (needs --directory)')
      .addOption(
        new Option(
          '--by <view>',
          'role: a line per role and table, its members listed below; person: a line per person (needs --directory)',
        )
          .choices(['role', 'person'])
          .default('role'),
      )
      .option(
        '--directory <file>',
        'directory snapshot (SCIM Users/Groups JSON or YAML) naming the people behind each role; repeat for several files',
        repeatable,
        [],
      )
      .option('--mesh <dir>', `${MESH_DIR_HELP}; its environments map groups and users to principals, naming members and people`)
      .addOption(
        formatOption(['text', 'csv', 'json', 'md'], 'text for a terminal, csv, json, md for a pull-request comment; table is text'),
      )
      .addOption(wideOption()),

  run: (_args, options, feedback, terminal) => {
    const out = String(options.out);
    const env = options.env === undefined ? undefined : String(options.env);
    const product = options.product === undefined ? undefined : String(options.product);
    const className = options.class === undefined ? undefined : String(options.class);
    const user = options.user === undefined ? undefined : String(options.user);
    const files = options.directory as string[];
    const view: AccessView = user !== undefined ? 'person' : (options.by as AccessView);
    if (view === 'person' && files.length === 0)
      throw new CliError(
        `${user !== undefined ? '--user' : '--by person'} needs --directory, the directory snapshot that says who is in which group`,
      );

    feedback.progress(`reading the synthesized output in ${out}`);
    const synthesized = readSynthesized(out);
    const access = (env === undefined ? synthesized.access : accessOf(synthesized, env)).filter(
      (a) => product === undefined || a.product === product,
    );
    const context = meshContext(options.mesh as string | undefined, files.length > 0, feedback);
    const identities = context?.identitiesOf(access.map((a) => a.environment));
    const directory = files.length > 0 ? context!.directory(files) : undefined;
    if (user !== undefined && !directory!.people.some((p) => p.name === user))
      throw new CliError(`no user \`${user}\` in the directory snapshot`);

    const names = portableNames(access);
    const shown = access.flatMap((a) => {
      const columns = className === undefined ? a.columns : a.columns.filter((c) => a.columnClasses?.[c]?.includes(className));
      if (columns.length === 0) return [];
      const identity = identities?.get(a.environment);
      const members = describeMembers(a.principal.members, identity);
      const memberApprovals = members.map((m) => approvalOfWay(a, m) ?? null);
      const base = {
        ...line(a, names.principal(a.principal), columns, members),
        ...(memberApprovals.some((ap) => ap !== null) ? { memberApprovals } : {}),
      };
      if (directory === undefined) return [base];
      const people = whoCanBecome(a.principal.members, directory, identity!).people;
      if (view === 'role') return [{ ...base, people: people.map((p) => p.person) }];
      return people
        .filter((p) => user === undefined || p.person === user)
        .map((p) => ({ ...base, person: p.person, via: p.via, approvals: p.via.map((way) => approvalOfWay(a, way) ?? null) }));
    });
    const lines = [...shown].sort(view === 'person' ? byPerson : byPrincipal);

    const blocked = synthesized.blocked.filter((b) => env === undefined || b.access.environment === env);
    const iamOpen = synthesized.iamOpen.filter(
      (t) => (env === undefined || t.environment === env) && (product === undefined || t.product === product),
    );
    const label = (a: EffectiveAccess) => names.principal(a.principal);
    const approvals = view === 'role' ? approvalLines(access, lines, label) : [];
    const notes = [
      ...untaggedNotes(access, lines, label),
      ...(context === undefined && lines.length > 0
        ? ['members are named by ARN: give --mesh DIR (the mesh directory) to name groups and users']
        : []),
      ...iamOpen.map(iamOpenNote),
      ...blocked.map(
        (b) =>
          `blocked: ${b.access.principal.roleName} on ${b.access.database}.${b.access.table} (${[...b.deniedActions.map((d) => `IAM denies ${d}`), ...b.missingPermissions.map((m) => `no Lake Formation ${m}`)].join('; ')})`,
      ),
      ...synthesized.problems.map((p) => `${p.stack}: ${p.message}`),
    ];
    return {
      exitCode: 0,
      text: render(lines, view, directory, notes, options.format as AccessFormat, terminal),
      json: { out, access: lines, approvals, blocked, iamOpen, problems: synthesized.problems },
    };
  },
};

/**
 * The mesh whose identity mappings name members and resolve people: `--mesh`, else the one found
 * from the current directory upwards. Without either, members stay ARNs; a directory snapshot needs it.
 */
function meshContext(meshDir: string | undefined, needed: boolean, feedback: Feedback): CliContext | undefined {
  if (meshDir !== undefined || findMeshDir() !== undefined || needed) return new CliContext(meshDir, undefined, feedback);
  return undefined;
}

function line(a: EffectiveAccess, principal: string, columns: readonly string[], members: readonly string[]): AccessLine {
  return {
    environment: a.environment,
    principal,
    role: a.principal.roleName,
    purpose: a.purpose ?? '',
    policy: (a.principal.policies ?? []).join('+'),
    table: `${a.database}.${a.table}`,
    columns,
    rows: a.rows ?? 'all',
    permissions: a.permissions,
    grantable: a.grantable,
    members,
  };
}

/** Environment, principal, table: everything one role reads, together. */
const byPrincipal = (a: AccessLine, b: AccessLine) =>
  compareKeys([a.environment, a.principal, a.table, a.role], [b.environment, b.principal, b.table, b.role]);

/** The recorded approval of the member a way in names: `group fraud-analysts`, `user li.wei`, `attributes country=FR department=risk`. */
function approvalOfWay(a: EffectiveAccess, way: string): MemberApproval | undefined {
  const [kind, ...rest] = way.split(' ');
  const name = rest.join(' ');
  return (a.principal.approvals ?? []).find(
    (ap) =>
      (ap.kind === 'attributes' ? 'attributes' : ap.kind) === kind &&
      (ap.kind === 'attributes' ? ap.member.replace(/, /g, ' ') : ap.member) === name,
  );
}

/** The approvals recorded on the principals the lines name, once per environment and principal, in line order. */
function approvalLines(
  access: readonly EffectiveAccess[],
  lines: readonly AccessLine[],
  label: (a: EffectiveAccess) => string,
): ApprovalLine[] {
  const out: ApprovalLine[] = [];
  for (const a of shownPrincipals(access, lines, label))
    for (const ap of a.principal.approvals ?? []) out.push({ environment: a.environment, principal: label(a), ...ap });
  return out;
}

/** One access entry per principal (and environment) that the lines show. */
function shownPrincipals(
  access: readonly EffectiveAccess[],
  lines: readonly AccessLine[],
  label: (a: EffectiveAccess) => string,
): EffectiveAccess[] {
  const shown = new Set(lines.map((l) => `${l.environment}\u0000${l.principal}`));
  const seen = new Set<string>();
  return access.filter((a) => {
    const key = `${a.environment}\u0000${label(a)}`;
    if (!shown.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function untaggedNotes(access: readonly EffectiveAccess[], lines: readonly AccessLine[], label: (a: EffectiveAccess) => string): string[] {
  return shownPrincipals(access, lines, label)
    .filter((a) => a.principal.approvalsUntagged !== undefined)
    .map(
      (a) =>
        `approval: ${a.environment} ${label(a)}: ${a.principal.approvalsUntagged} more approved members, untagged (IAM allows 50 tags per role)`,
    );
}

/** `approved by maria.lopez on 2026-03-02, ticket SEC-1042, until 2030-03-31`; the parts recorded. */
function approvalText(a: MemberApproval): string {
  const parts = [
    [a.approvedBy !== undefined ? `approved by ${a.approvedBy}` : 'approved', a.approvedOn !== undefined ? ` on ${a.approvedOn}` : ''].join(
      '',
    ),
    ...(a.ticket !== undefined ? [`ticket ${a.ticket}`] : []),
    ...(a.expires !== undefined ? [`until ${a.expires}`] : []),
  ];
  return parts.join(', ');
}

/** Person, then environment, table and principal: everything one person reads, together. */
const byPerson = (a: AccessLine, b: AccessLine) =>
  compareKeys([a.person!, a.environment, a.table, a.principal, a.role], [b.person!, b.environment, b.table, b.principal, b.role]);

/** Code-point order of the first differing key, so that output is the same on every machine. */
function compareKeys(x: readonly string[], y: readonly string[]): number {
  const i = x.findIndex((v, j) => v !== y[j]);
  return i < 0 ? 0 : x[i] < y[i] ? -1 : 1;
}

/** Permissions, those held with the grant option marked `*`. */
const permissionsText = (l: AccessLine) => l.permissions.map((p) => (l.grantable.includes(p) ? `${p}*` : p)).join(' ');

/** How a person becomes the principal: `payments.transactions/analyst (group payments-analysts)`, with each way's recorded approval. */
const throughText = (l: AccessLine) => `${l.principal} (${viaText(l)})`;

/** The ways in, each with its recorded approval: `group fraud-analysts (approved by maria.lopez on 2026-03-02)`. */
const viaText = (l: AccessLine) =>
  (l.via ?? []).map((way, i) => (l.approvals?.[i] ? `${way} (${approvalText(l.approvals[i]!)})` : way)).join('; ');

function render(
  lines: readonly AccessLine[],
  view: AccessView,
  directory: DirectorySnapshot | undefined,
  notes: readonly string[],
  format: AccessFormat,
  layout: TableLayout,
): string {
  if (format === 'json') return JSON.stringify(lines, null, 2);
  if (format === 'csv') return csv(lines, view, directory !== undefined);
  const md = format === 'md';
  const tables =
    lines.length === 0
      ? ['no access']
      : view === 'person'
        ? [
            formatTable(
              md ? 'md' : 'text',
              ['person', 'environment', 'table', 'columns', 'rows', 'through'],
              lines.map((l) => [l.person!, l.environment, l.table, l.columns.join(' '), l.rows, throughText(l)]),
              layout,
            ),
          ]
        : [
            formatTable(
              md ? 'md' : 'text',
              ['environment', 'principal', 'table', 'columns', 'rows', 'permissions'],
              lines.map((l) => [l.environment, l.principal, l.table, l.columns.join(' '), l.rows, permissionsText(l)]),
              layout,
            ),
            membersTable(lines, directory !== undefined, md, layout),
          ];
  const grantable = view === 'role' && lines.some((l) => l.grantable.length > 0) ? ['`*`: held with the grant option'] : [];
  const footnotes = [...grantable, ...notes].map((n) => (md ? `> ${n}` : n));
  return [...tables, ...(footnotes.length > 0 ? [footnotes.join('\n')] : [])].join('\n\n');
}

/**
 * Who can become each principal shown: its members (each with the approval its role's tags record)
 * and, with a directory, its people. One row per environment and principal.
 */
function membersTable(lines: readonly AccessLine[], withPeople: boolean, md: boolean, layout: TableLayout): string {
  const seen = new Set<string>();
  const rows = lines.flatMap((l) => {
    const key = `${l.environment}\0${l.role}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const members = l.members.map((m, i) => (l.memberApprovals?.[i] ? `${m} (${approvalText(l.memberApprovals[i]!)})` : m));
    return [[l.environment, l.principal, members.join('; ') || '-', ...(withPeople ? [(l.people ?? []).join(', ') || '-'] : [])]];
  });
  const header = ['environment', 'principal', 'members', ...(withPeople ? ['people'] : [])];
  return `${md ? '**Members**' : 'Members:'}\n\n${formatTable(md ? 'md' : 'text', header, rows, layout)}`;
}

/** Every field, one line per report line: for a spreadsheet, not narrowed. */
function csv(lines: readonly AccessLine[], view: AccessView, withPeople: boolean): string {
  const person = view === 'person';
  const header = [
    ...(person ? ['person'] : []),
    'environment',
    'principal',
    'purpose',
    'policy',
    'table',
    'columns',
    'rows',
    'permissions',
    'grantable',
    'members',
    ...(person ? ['via'] : withPeople ? ['people'] : []),
  ];
  const rows = lines.map((l) => [
    ...(person ? [l.person!] : []),
    l.environment,
    l.principal,
    l.purpose || '-',
    l.policy || '-',
    l.table,
    l.columns.join(' '),
    l.rows,
    l.permissions.join(' '),
    l.grantable.join(' ') || '-',
    l.members.join('; '),
    ...(person ? [viaText(l)] : withPeople ? [(l.people ?? []).join(' ')] : []),
  ]);
  return formatCsv(header, rows);
}

import { Command } from 'commander';
import { formatOption } from '../format-option';
import { whoCanBecome } from '../../lib/directory';
import { EffectiveAccess, MemberApproval } from '../../lib/readback/effective-access';
import { portableNames } from '../../lib/reports/access-identity';
import { formatCsv, formatTable } from '../../lib/reports/format-table';
import { CliCommand, CliError } from '../cli-command';
import { CliContext } from '../cli-context';
import type { Feedback } from '../feedback';
import { MESH_DIR_HELP } from '../find-mesh';
import { accessOf, iamOpenNote, readSynthesized, repeatable } from './synthesized-access';

type AccessFormat = 'text' | 'csv' | 'json' | 'md';

/** One line of the access report: who (a role, or a person through it) reads what, for which purpose. */
interface AccessLine {
  readonly environment: string;
  /** `payments.transactions/analyst`, `purpose:fraud-detection` or `role:<name>`. */
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
  /** With `--user`: how the person becomes the principal (`group payments-analysts`). */
  readonly via?: readonly string[];
  /** With `--user`: the approval the role's tags record for each way in `via` (null where none is recorded). */
  readonly approvals?: readonly (MemberApproval | null)[];
}

/** A member's approval as the synthesized role's tags record it, with the principal it admits to. */
interface ApprovalLine extends MemberApproval {
  readonly environment: string;
  readonly principal: string;
}

/**
 * `meshgrant access [--out DIR] [--env E] [--user U | --product P | --class C] [--format F]`:
 * who can access which table, columns and rows, through which role, for which purpose, under
 * which global policies (the `Policy` tag of policy principals), read back from the
 * synthesized Terraform (not from the spec). `--class pii` keeps the columns the stacks tag
 * `class-pii = yes`; `--user` resolves people through a directory snapshot and the mesh's
 * identity mappings.
 */
export const accessCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('access')
      .description('who can access what, for which purpose: effective access read back from the synthesized Terraform')
      .option('--out <dir>', 'cdktf output to read', 'cdktf.out')
      .option('--env <name>', 'only this environment')
      .option('--user <name>', 'only what this directory user can access (needs --directory)')
      .option('--product <id>', 'only the tables of this data product, e.g. payments.transactions')
      .option('--class <class>', "only columns of this class, e.g. pii (from the columns' class-<class> LF-tags)")
      .option(
        '--directory <file>',
        'with --user: directory snapshot (SCIM Users/Groups JSON or YAML); repeat for several files',
        repeatable,
        [],
      )
      .option('--mesh <dir>', `with --user: ${MESH_DIR_HELP}; its environments map groups and users to principals`)
      .addOption(
        formatOption(['text', 'csv', 'json', 'md'], 'text for a terminal, csv, json, md for a pull-request comment; table is text'),
      ),

  run: (_args, options, feedback) => {
    const out = String(options.out);
    const env = options.env === undefined ? undefined : String(options.env);
    const filters = ['user', 'product', 'class'].filter((f) => options[f] !== undefined);
    if (filters.length > 1)
      throw new CliError(`give one of --user, --product and --class, not ${filters.map((f) => `--${f}`).join(' and ')}`);

    const synthesized = readSynthesized(out);
    const access = env === undefined ? synthesized.access : accessOf(synthesized, env);
    const names = portableNames(access);
    const label = (a: EffectiveAccess) => names.principal(a.principal);
    const lines =
      options.user !== undefined
        ? linesOfUser(access, String(options.user), options.directory as string[], options.mesh as string | undefined, label, feedback)
        : options.class !== undefined
          ? linesOfClass(access, String(options.class), label)
          : access.filter((a) => options.product === undefined || a.product === options.product).map((a) => line(a, label(a), a.columns));

    const blocked = synthesized.blocked.filter((b) => env === undefined || b.access.environment === env);
    const iamOpen = synthesized.iamOpen.filter(
      (t) => (env === undefined || t.environment === env) && (options.product === undefined || t.product === options.product),
    );
    const approvals = options.user === undefined ? approvalLines(access, lines, label) : [];
    const notes = [
      ...approvals.map(approvalNote),
      ...untaggedNotes(access, lines, label),
      ...iamOpen.map(iamOpenNote),
      ...blocked.map(
        (b) =>
          `blocked: ${b.access.principal.roleName} on ${b.access.database}.${b.access.table} (${[...b.deniedActions.map((d) => `IAM denies ${d}`), ...b.missingPermissions.map((m) => `no Lake Formation ${m}`)].join('; ')})`,
      ),
      ...synthesized.problems.map((p) => `${p.stack}: ${p.message}`),
    ];
    return {
      exitCode: 0,
      text: render(lines, notes, options.format as AccessFormat),
      json: { out, access: lines, approvals, blocked, iamOpen, problems: synthesized.problems },
    };
  },
};

function line(a: EffectiveAccess, principal: string, columns: readonly string[], via?: readonly string[]): AccessLine {
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
    ...(via !== undefined ? { via } : {}),
  };
}

/** Access to columns of one class, showing only those columns. */
function linesOfClass(access: readonly EffectiveAccess[], className: string, label: (a: EffectiveAccess) => string): AccessLine[] {
  return access.flatMap((a) => {
    const columns = a.columns.filter((c) => a.columnClasses?.[c]?.includes(className));
    return columns.length > 0 ? [line(a, label(a), columns)] : [];
  });
}

/** What one person can access: the access of every principal they can become, and how. */
function linesOfUser(
  access: readonly EffectiveAccess[],
  user: string,
  files: readonly string[],
  meshDir: string | undefined,
  label: (a: EffectiveAccess) => string,
  feedback: Feedback,
): AccessLine[] {
  if (files.length === 0)
    throw new CliError('--user needs --directory, the directory snapshot that says which groups and attributes the user has');
  const context = new CliContext(meshDir, undefined, feedback);
  const directory = context.directory(files);
  if (!directory.people.some((p) => p.name === user)) throw new CliError(`no user \`${user}\` in the directory snapshot`);
  const identities = context.identitiesOf(access.map((a) => a.environment));
  return access.flatMap((a) => {
    const admission = whoCanBecome(a.principal.members, directory, identities.get(a.environment)!).people.find((p) => p.person === user);
    if (admission === undefined) return [];
    return [{ ...line(a, label(a), a.columns, admission.via), approvals: admission.via.map((way) => approvalOfWay(a, way) ?? null) }];
  });
}

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

/** `approval: prod purpose:fraud-detection group fraud-analysts approved by maria.lopez on 2026-03-02, ticket SEC-1042, until 2030-03-31`. */
function approvalNote(a: ApprovalLine): string {
  return `approval: ${a.environment} ${a.principal} ${a.kind === 'attributes' ? 'attribute rule' : a.kind} ${a.member} ${approvalText(a)}`;
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

function render(lines: readonly AccessLine[], notes: readonly string[], format: AccessFormat): string {
  if (format === 'json') return JSON.stringify(lines, null, 2);
  const withVia = lines.some((l) => l.via !== undefined);
  const header = [
    'environment',
    'principal',
    'purpose',
    'policy',
    'table',
    'columns',
    'rows',
    'permissions',
    'grantable',
    ...(withVia ? ['via'] : []),
  ];
  const rows = lines.map((l) => [
    l.environment,
    l.principal,
    l.purpose || '-',
    l.policy || '-',
    l.table,
    l.columns.join(' '),
    l.rows,
    l.permissions.join(' '),
    l.grantable.join(' ') || '-',
    ...(withVia ? [(l.via ?? []).map((way, i) => (l.approvals?.[i] ? `${way} (${approvalText(l.approvals[i]!)})` : way)).join('; ')] : []),
  ]);
  if (format === 'csv') return formatCsv(header, rows);
  const table = rows.length > 0 ? formatTable(format === 'md' ? 'md' : 'text', header, rows) : 'no access';
  return [table, ...notes.map((n) => (format === 'md' ? `> ${n}` : n))].join('\n');
}

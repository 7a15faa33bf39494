import { Command } from 'commander';
import type { ConditionSubject } from '../../lib/abac/condition';
import { conditionHolds } from '../../lib/abac/condition';
import { describeDecision } from '../../lib/abac/table-decision';
import type { DirectoryPerson } from '../../lib/directory/directory';
import type { Mesh } from '../../lib/model';
import { suggest } from '../../lib/model/suggest';
import {
  AccessEntry,
  admits,
  describePrincipal,
  environmentPlan,
  holderKey,
  membersCondition,
  tableDecision,
  viaName,
} from '../../lib/plan';
import { CliCommand, CliError } from '../cli-command';
import { CliContext } from '../cli-context';
import { MESH_DIR_HELP } from '../find-mesh';
import { repeatable } from './synthesized-access';

/**
 * `meshgrant explain --table <product>/<port> [dir] [--user U --directory F]`: the merged
 * decision of the global policies on one table (which landed, how they combine, what every way
 * in must also meet, the row policies), then every way in per environment as the access plan has
 * it: the path, who holds it, the columns and the rows. With `--user`, which of them the person
 * takes, from their groups and attributes in the directory snapshot.
 */
export const explainCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('explain')
      .description('how global policies, roles and purposes decide who reads one table, from the spec')
      .argument('[dir]', MESH_DIR_HELP)
      .requiredOption('--table <product/port>', 'the table, e.g. payments.transactions/transactions')
      .option('--env <name>', 'only this environment')
      .option('--user <name>', 'which ways in this directory user takes (needs --directory)')
      .option('--directory <file>', 'with --user: directory snapshot (SCIM JSON or YAML); repeat for several files', repeatable, []),

  run: ([dir], options, feedback) => {
    const context = new CliContext(dir as string | undefined, undefined, feedback);
    const mesh = context.mesh();
    const [productId, portName] = splitTable(String(options.table), mesh);
    const product = mesh.product(productId);
    const port = product.outputPorts.find((p) => p.name === portName)!;
    const environments = product.promotedTo.filter((e) => options.env === undefined || e === options.env);
    if (options.env !== undefined && environments.length === 0)
      throw new CliError(`product ${productId} is not promoted to environment ${String(options.env)}`);
    const person = options.user === undefined ? undefined : findPerson(context, String(options.user), options.directory as string[]);

    const decision = tableDecision(mesh, product, port);
    const lines = [...describeDecision(decision)];
    if (decision.table.tags.length > 0) lines.splice(1, 0, `  tags: ${decision.table.tags.join(', ')}`);
    if (decision.rowPolicies.length > 0) lines.push('  row policies filter reads: write and admin access covers whole tables');
    const json: Record<string, unknown>[] = [];
    for (const env of environments) {
      const entries = environmentPlan(mesh, env).filter((e) => e.product === productId && e.port === portName);
      const taken = person === undefined ? entries : entries.filter((e) => takes(mesh, e, person));
      lines.push('', person === undefined ? `ways in (${env}):` : `${person.name} reads through (${env}):`);
      if (taken.length === 0) lines.push('  none');
      for (const e of taken) {
        lines.push(`  ${viaName(e.via)}: ${e.level} as ${holderName(e)}`);
        lines.push(`    columns: ${e.columns.join(', ')}`);
        lines.push(`    rows: ${e.rows ?? 'all'}`);
        json.push({
          environment: env,
          via: e.via,
          holder: holderKey(e.holder),
          level: e.level,
          columns: e.columns,
          rows: e.rows ?? null,
        });
      }
    }
    return {
      exitCode: 0,
      text: lines.join('\n'),
      json: {
        table: `${productId}/${portName}`,
        required: decision.required.map((p) => p.name),
        shared: decision.shared.map((p) => p.name),
        rowPolicies: decision.rowPolicies.map((p) => p.name),
        ...(person ? { user: person.name } : {}),
        access: json,
      },
    };
  },
};

function splitTable(table: string, mesh: Mesh): [string, string] {
  const slash = table.indexOf('/');
  const tables = mesh.products.flatMap((p) => p.outputPorts.map((o) => `${p.id}/${o.name}`));
  if (slash < 0 || !tables.includes(table)) {
    throw new CliError(`--table: no table \`${table}\` in mesh ${mesh.name}; expected <product>/<port>${suggestion(table, tables)}`);
  }
  return [table.slice(0, slash), table.slice(slash + 1)];
}

function suggestion(name: string, names: readonly string[]): string {
  const hint = suggest(name, names);
  return hint === undefined ? '' : ` (${hint})`;
}

function findPerson(context: CliContext, user: string, files: readonly string[]): DirectoryPerson {
  if (files.length === 0) throw new CliError('--user needs --directory <file> (a SCIM or YAML directory snapshot)');
  const people = context.directory(files).people;
  const person = people.find((p) => p.name === user);
  if (person === undefined)
    throw new CliError(
      `--user: no user \`${user}\` in the directory${suggestion(
        user,
        people.map((p) => p.name),
      )}`,
    );
  return person;
}

/** The holder in words: a product role, a purpose, or a principal of global policies with its condition. */
function holderName(e: AccessEntry): string {
  if (e.holder.kind !== 'policy') return holderKey(e.holder);
  return `${e.holder.principal.id} (${describePrincipal(e.holder.principal)})`;
}

/** True when the person can act as the entry's holder. */
function takes(mesh: Mesh, e: AccessEntry, person: DirectoryPerson): boolean {
  const subject = subjectOf(mesh, person);
  if (e.holder.kind === 'policy') return admits(e.holder.principal, subject);
  const h = e.holder;
  const members = h.kind === 'role' ? mesh.product(h.product).roles[h.role].members : mesh.purpose(h.purpose).members;
  const condition = membersCondition(members);
  return condition !== undefined && conditionHolds(condition, { ...subject, tableTags: [] });
}

/**
 * A person as conditions see them. A multi-valued attribute the directory gives as one session
 * tag value (`:US:FR:`) counts as each of its values.
 */
function subjectOf(mesh: Mesh, person: DirectoryPerson): Omit<ConditionSubject, 'tableTags'> {
  const attributes: Record<string, readonly string[]> = {};
  for (const [name, raw] of Object.entries(person.attributes as Readonly<Record<string, string | readonly string[]>>)) {
    const values = typeof raw === 'string' ? [raw] : [...raw];
    attributes[name] = mesh.attribute(name)?.multiValued ? values.flatMap((v) => v.split(':')).filter((v) => v !== '') : values;
  }
  return {
    user: person.name,
    groups: new Set(person.groups),
    attributes,
    hierarchical: (a) => mesh.attribute(a)?.hierarchical ?? false,
  };
}

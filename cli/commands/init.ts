import { Command, Option } from 'commander';
import { basename, resolve } from 'path';
import { printable } from '../../lib/input/printable';
import { NAME_PATTERNS } from '../../lib/model/names';
import { MeshValidationError } from '../../lib/model/problems';
import { checkPolicies } from '../../lib/policy';
import { loadMeshSources } from '../../lib/spec';
import { CliCommand, CliError } from '../cli-command';
import { problemsText } from '../report';
import { meshgrantManifest } from '../version';
import { CI_SYSTEMS, CiSystem, InitEnvironment, MESH_DIR } from '../init/init-options';
import { meshRepository } from '../init/mesh-repository';
import { NewFile, writeNewDirectory } from '../init/new-directory';
import { repeatable } from './synthesized-access';

const ACCOUNT = /^[0-9]{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]$/;

/**
 * `meshgrant init [dir]`: writes a new mesh repository (the mesh in `mesh/`, package.json,
 * cdktf.json, README, CI workflows) into a new or empty folder. It asks nothing: flags say the
 * name, environments, accounts and region, and what they do not say gets a placeholder.
 */
export const initCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('init')
      .description('write a new mesh repository (mesh files, package.json, cdktf.json, README, CI workflows) into a new or empty folder')
      .argument('[dir]', 'folder to create, or an empty one', '.')
      .option('--name <name>', 'mesh name, lower case (default: the folder name)')
      .option('--environments <names>', 'environments in promotion order, comma-separated; the last is production', 'dev,prod')
      .option(
        '--account <env=id>',
        'AWS account of an environment, e.g. prod=123456789012; repeat per environment (default: placeholders)',
        repeatable,
        [],
      )
      .option('--region <region>', 'AWS region of every environment', 'eu-west-1')
      .option('--starter', 'declare the starter severity profile: readiness rules report warnings while the mesh is new')
      .addOption(new Option('--ci <system>', 'CI configuration to write').choices(CI_SYSTEMS).default('github')),

  run: ([dir], options) => {
    const target = String(dir);
    const name =
      options.name === undefined ? nameFromFolder(target) : checked('--name', String(options.name), NAME_PATTERNS.mesh, 'e.g. acme');
    const environments = environmentsOf(options);
    const files = meshRepository({
      name,
      environments,
      starter: options.starter === true,
      ci: options.ci as CiSystem,
      meshgrant: meshgrantManifest(),
    });
    assertValid(files);
    writeNewDirectory(target, files);
    const placeholders = environments.filter((e) => !(options.account as string[]).some((a) => a.startsWith(`${e.name}=`)));
    const lines = [
      `mesh repository ${name} written to ${target}: ${files.length} files (${files.map((f) => f.path).join(', ')})`,
      `next: ${target === '.' ? '' : `cd ${target} && `}npm install && npx meshgrant validate ${MESH_DIR} && npx meshgrant synth ${MESH_DIR}`,
      ...(placeholders.length > 0
        ? [
            `placeholder accounts for ${placeholders.map((e) => `${e.name} (${e.account})`).join(', ')}: set them with --account, or in ${MESH_DIR}/environments.yaml`,
          ]
        : []),
      `replace the placeholder principals in ${MESH_DIR}/environments.yaml (identity.groups, identity.users) before deploying`,
    ];
    return { exitCode: 0, summary: true, text: lines.join('\n'), json: { dir: target, name, files: files.map((f) => f.path) } };
  },
};

function checked(flag: string, value: string, pattern: RegExp, example: string): string {
  if (!pattern.test(value)) throw new CliError(`${flag} \`${printable(value)}\` is not valid: expected ${pattern.source}, ${example}`);
  return value;
}

/** The mesh name a folder suggests: `Acme Data` -> `acme-data`. */
function nameFromFolder(dir: string): string {
  const name = basename(resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '');
  if (!NAME_PATTERNS.mesh.test(name))
    throw new CliError(
      `the folder name \`${printable(basename(resolve(dir)))}\` gives no mesh name; give one with --name, e.g. --name acme`,
    );
  return name;
}

function environmentsOf(options: Readonly<Record<string, unknown>>): InitEnvironment[] {
  const names = String(options.environments)
    .split(',')
    .map((n) => n.trim());
  for (const n of names) checked('--environments', n, NAME_PATTERNS.environment, 'e.g. dev,prod');
  if (new Set(names).size !== names.length)
    throw new CliError(`--environments \`${printable(String(options.environments))}\` names an environment twice`);
  const region = checked('--region', String(options.region), REGION, 'e.g. eu-west-1');
  const accounts = new Map<string, string>();
  for (const given of options.account as string[]) {
    const [env, account, ...rest] = given.split('=');
    if (account === undefined || rest.length > 0 || !names.includes(env) || !ACCOUNT.test(account))
      throw new CliError(`--account \`${printable(given)}\` is not <environment>=<12-digit account id> of one of ${names.join(', ')}`);
    accounts.set(env, account);
  }
  // Placeholders: 000000000001, 000000000002, ..., so that no two environments share an account.
  return names.map((name, i) => ({ name, account: accounts.get(name) ?? String(i + 1).padStart(12, '0'), region }));
}

/** The repository's mesh must validate and pass every rule as written; if the flags make it fail, nothing is written. */
function assertValid(files: readonly NewFile[]): void {
  const prefix = `${MESH_DIR}/`;
  const sources = files.filter((f) => f.path.startsWith(prefix)).map((f) => ({ path: f.path.slice(prefix.length), text: f.text }));
  try {
    const report = checkPolicies(loadMeshSources(sources, MESH_DIR));
    if (report.findings.length > 0)
      throw new CliError(
        `these options give a mesh with policy findings, nothing written:\n${report.findings.map((f) => `${f.rule}: ${f.message}`).join('\n')}`,
      );
  } catch (e) {
    if (e instanceof MeshValidationError)
      throw new CliError(`these options give a mesh that does not validate, nothing written:\n${problemsText(e.problems)}`);
    throw e;
  }
}

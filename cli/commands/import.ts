import { Command, Option } from 'commander';
import { renameSync, writeFileSync, existsSync, mkdirSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { INPUT_LIMITS, InputFileError, readInputFile } from '../../lib/input/read-input-file';
import { readDbtManifest } from '../../lib/import/dbt-manifest';
import { isObject } from '../../lib/input/json-object';
import { UpstreamFormatError, readGlueTables } from '../../lib/import/glue-tables';
import { ImportConflictError, mergeProduct } from '../../lib/import/merge-product';
import { readOdcsContract } from '../../lib/import/odcs-contract';
import { UpstreamRead } from '../../lib/import/upstream-table';
import { NAME_PATTERNS } from '../../lib/model/names';
import { CliCommand, CliError } from '../cli-command';

/** An imported file may be a big project's manifest: 256 MiB, read only when it is a regular file. */
const IMPORT_LIMIT = { bytes: 256 * 1024 * 1024, of: 'an imported file' };

/** The formats `meshgrant import` reads, and how. */
const FORMATS: Readonly<Record<string, { parse: (text: string) => unknown; read: (doc: unknown) => UpstreamRead }>> = {
  dbt: { parse: (t) => JSON.parse(t), read: readDbtManifest },
  glue: { parse: (t) => JSON.parse(t), read: readGlueTables },
  odcs: { parse: (t) => parse(t, { version: '1.2', maxAliasCount: 100 }), read: readOdcsContract },
};

/**
 * `meshgrant import dbt|glue|odcs <file> --product <id>`: writes the tables of a dbt manifest, a
 * Glue catalog export or a data contract into the product file `products/<id>.yaml` as ports of
 * tables owned elsewhere, keeping what people edited there, and reports what changed.
 */
export const importCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('import')
      .description('write or update a product file from a dbt manifest, `aws glue get-tables` output or an ODCS v3 data contract')
      .addArgument(program.createArgument('<format>', 'what the file is').choices(Object.keys(FORMATS)))
      .argument('<file>', 'the file to import')
      .requiredOption('--product <id>', 'product to write, `<domain>.<product>`')
      .option('--mesh <dir>', 'mesh directory (holds mesh.yaml and products/)', '.')
      .option('--database <name>', 'only the tables of this Glue database (a dbt schema)')
      .option('--owner <name>', 'for a new product file: the person accountable', 'TODO-owner')
      .addOption(
        new Option('--promoted-to <env>', 'for a new product file: an environment it goes to, repeatable (default dev)').argParser(collect),
      ),

  run: ([format, file], options) => {
    const productId = String(options.product);
    if (!NAME_PATTERNS.productId.test(productId))
      throw new CliError(`--product \`${productId}\` is not a product id; expected \`<domain>.<product>\`, e.g. sales.orders`);
    const meshDir = String(options.mesh);
    const read = readUpstream(String(file), String(format));
    const database = options.database === undefined ? undefined : String(options.database);
    const selected = database === undefined ? read : { ...read, tables: read.tables.filter((t) => t.database === database) };
    const path = join(meshDir, 'products', `${productId}.yaml`);
    const existing = existsSync(path) ? readMeshFile(path, meshDir) : undefined;
    let result;
    try {
      result = mergeProduct(selected, {
        productId,
        existing,
        owner: String(options.owner),
        promotedTo: (options.promotedTo as string[] | undefined) ?? ['dev'],
        entities: entitiesOf(meshDir),
      });
    } catch (e) {
      if (e instanceof ImportConflictError) throw new CliError(`${file}: ${e.message}`);
      throw e;
    }
    if (existing !== result.text) writeAtomically(path, result.text);
    const heading = existing === undefined ? `${path}: written` : existing === result.text ? `${path}: unchanged` : `${path}: updated`;
    return {
      exitCode: 0,
      summary: true,
      text: [heading, ...result.report.map((l) => `  ${l}`)].join('\n'),
      json: { file: path, created: existing === undefined, report: result.report },
    };
  },
};

/** Reads and parses an upstream file of a format `meshgrant import` knows. @throws CliError naming what is wrong, quoting none of the file */
export function readUpstream(file: string, format: keyof typeof FORMATS): UpstreamRead {
  const reader = FORMATS[format];
  let text: string;
  try {
    text = readInputFile(file, { limit: IMPORT_LIMIT });
  } catch (e) {
    if (e instanceof InputFileError) throw new CliError(`\`${file}\` ${e.message}`);
    throw e;
  }
  let doc: unknown;
  try {
    doc = reader.parse(text);
  } catch {
    // Parsers quote the text around the error: not in a message.
    throw new CliError(`\`${file}\` cannot be parsed; expected JSON (dbt, glue) or YAML (odcs)`);
  }
  try {
    return reader.read(doc);
  } catch (e) {
    if (e instanceof UpstreamFormatError) throw new CliError(`\`${file}\` ${e.message}`);
    throw e;
  }
}

function readMeshFile(path: string, meshDir: string): string {
  try {
    return readInputFile(path, { limit: INPUT_LIMITS.meshFile, within: meshDir });
  } catch (e) {
    if (e instanceof InputFileError) throw new CliError(`\`${path}\` ${e.message}`);
    throw e;
  }
}

/** The entity tags of the mesh's classification (mesh.yaml), or undefined when there is no mesh.yaml to read. */
function entitiesOf(meshDir: string): ReadonlySet<string> | undefined {
  const path = join(meshDir, 'mesh.yaml');
  if (!existsSync(path)) return undefined;
  let mesh: unknown;
  try {
    mesh = parse(readMeshFile(path, meshDir));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`\`${path}\` cannot be parsed; run \`meshgrant validate\``);
  }
  const classes = isObject(mesh) && isObject(mesh.classification) ? mesh.classification.classes : undefined;
  const entities = isObject(classes)
    ? Object.values(classes).flatMap((c) => (isObject(c) && Array.isArray(c.entities) ? c.entities : []))
    : [];
  return new Set(entities.filter((e): e is string => typeof e === 'string'));
}

/** Writes through a sibling temporary file renamed over the target: a reader never sees half a file, and a symbolic link there is replaced, not followed. */
function writeAtomically(path: string, text: string): void {
  const dir = join(path, '..');
  mkdirSync(dir, { recursive: true });
  const staging = `${path}.import-${process.pid}`;
  writeFileSync(staging, text, { flag: 'wx' });
  renameSync(staging, path);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

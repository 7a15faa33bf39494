import { existsSync, readdirSync, statSync } from 'fs';
import { basename, dirname, join } from 'path';
import { INPUT_LIMITS, InputFileError, readInputFile } from '../input/read-input-file';

/** A Terraform resource body as written in JSON (attributes and nested blocks). */
export type ResourceBody = Readonly<Record<string, unknown>>;

/** One synthesized stack: its name and the Terraform JSON cdktf wrote for it. */
export interface TerraformStack {
  /** Folder name under `stacks/` (or the file's folder for a single JSON file). */
  readonly name: string;
  readonly file: string;
  readonly json: {
    readonly provider?: Readonly<Record<string, unknown>>;
    readonly resource?: Readonly<Record<string, Readonly<Record<string, ResourceBody>>>>;
  };
}

/**
 * Reads every stack of a cdktf output: `<outdir>/stacks/*\/cdk.tf.json`. Also accepts one
 * stack's folder or one `cdk.tf.json` file, so a single stack can be inspected alone.
 * Stacks are sorted by name. Stack files are read as mesh files are: regular files only, at most
 * 256 MiB ({@link INPUT_LIMITS}), no symbolic link out of the output folder.
 * @throws Error when the path holds no synthesized stack, or a stack file that cannot be read
 */
export function readStacks(path: string): TerraformStack[] {
  if (!existsSync(path)) throw new Error(`no synthesized Terraform at \`${path}\`; run synth first`);
  if (statSync(path).isFile()) return [readStack(basename(dirname(path)), path)];
  if (existsSync(join(path, 'cdk.tf.json'))) return [readStack(basename(path), join(path, 'cdk.tf.json'), path)];
  const stacksDir = join(path, 'stacks');
  const names = existsSync(stacksDir) ? readdirSync(stacksDir).filter((n) => existsSync(join(stacksDir, n, 'cdk.tf.json'))).sort() : [];
  if (names.length === 0) throw new Error(`no stacks/*/cdk.tf.json under \`${path}\`; run synth first`);
  return names.map((n) => readStack(n, join(stacksDir, n, 'cdk.tf.json'), path));
}

function readStack(name: string, file: string, within?: string): TerraformStack {
  let text: string;
  try {
    text = readInputFile(file, { limit: INPUT_LIMITS.stackFile, within });
  } catch (e) {
    if (e instanceof InputFileError) throw new Error(`\`${file}\` ${e.message}`);
    throw e;
  }
  try {
    return { name, file, json: JSON.parse(text) as TerraformStack['json'] };
  } catch {
    // JSON.parse quotes the text around the error: not in a message.
    throw new Error(`\`${file}\` is not valid JSON`);
  }
}

/** The resources of one type, sorted by their logical name. */
export function resourcesOf(stack: TerraformStack, type: string): ResourceBody[] {
  return namedResourcesOf(stack, type).map(([, body]) => body);
}

/** The logical names and bodies of one type (for resolving `${type.name.attr}` references). */
export function namedResourcesOf(stack: TerraformStack, type: string): [string, ResourceBody][] {
  const byName = stack.json.resource?.[type] ?? {};
  return Object.keys(byName).sort().map((n) => [n, byName[n]]);
}

/**
 * A nested block: Terraform JSON accepts a block as an object or as a list of objects, and cdktf
 * writes either depending on the block's schema. Returns the first (these blocks hold one).
 */
export function block(value: unknown): ResourceBody | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v !== null && typeof v === 'object' ? (v as ResourceBody) : undefined;
}

/** A list of strings, or empty when the attribute is absent. */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A string attribute, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Where the stack deploys: its `Environment` default tag, account and region from the AWS provider. */
export function stackTarget(stack: TerraformStack): { environment: string; account: string; region: string } {
  const provider = block(stack.json.provider?.aws) ?? {};
  const tags = block(block(provider.default_tags)?.tags) ?? {};
  return {
    environment: text(tags.Environment) ?? stack.name,
    account: strings(provider.allowed_account_ids)[0] ?? '',
    region: text(provider.region) ?? '',
  };
}

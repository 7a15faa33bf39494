import { isObject } from '../input/json-object';
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
  const names = existsSync(stacksDir)
    ? readdirSync(stacksDir)
        .filter((n) => existsSync(join(stacksDir, n, 'cdk.tf.json')))
        .sort()
    : [];
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

/** One resource of a stack: its type, logical name, Terraform address and body. */
export interface StackResource {
  readonly type: string;
  readonly name: string;
  /** `<type>.<name>`, as Terraform and messages name it. */
  readonly address: string;
  readonly body: ResourceBody;
}

/** Each stack's resources by type, built once: every reader asks for its types several times. */
const indexes = new WeakMap<TerraformStack, ReadonlyMap<string, readonly StackResource[]>>();

/**
 * The resources of one type, sorted by logical name. Only well-formed ones: a type or body that
 * is not a JSON object is left out here and reported by `checkStackShape`.
 */
export function resourceList(stack: TerraformStack, type: string): readonly StackResource[] {
  let index = indexes.get(stack);
  if (index === undefined) {
    const built = new Map<string, StackResource[]>();
    const resource = isObject(stack.json) ? stack.json.resource : undefined;
    for (const [t, byName] of isObject(resource) ? Object.entries(resource) : []) {
      if (!isObject(byName)) continue;
      const names = Object.keys(byName)
        .sort()
        .filter((n) => isObject(byName[n]));
      built.set(
        t,
        names.map((n) => ({ type: t, name: n, address: `${t}.${n}`, body: byName[n] as ResourceBody })),
      );
    }
    index = built;
    indexes.set(stack, index);
  }
  return index.get(type) ?? [];
}

/** The resources of one type, sorted by their logical name. */
export function resourcesOf(stack: TerraformStack, type: string): ResourceBody[] {
  return resourceList(stack, type).map((r) => r.body);
}

/** The logical names and bodies of one type (for resolving `${type.name.attr}` references). */
export function namedResourcesOf(stack: TerraformStack, type: string): [string, ResourceBody][] {
  return resourceList(stack, type).map((r) => [r.name, r.body]);
}

/** True for a JSON object (not null, not a list); readback's modules take it from here. */
export { isObject };

/**
 * A nested block: Terraform JSON accepts a block as an object or as a list of objects, and cdktf
 * writes either depending on the block's schema. Returns the first (these blocks hold one).
 */
export function block(value: unknown): ResourceBody | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v !== null && typeof v === 'object' ? (v as ResourceBody) : undefined;
}

/** A list of strings as Terraform evaluates them, or empty when the attribute is absent. */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map(literalText) : [];
}

/** A string attribute as Terraform evaluates it (escapes resolved), or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? literalText(value) : undefined;
}

/**
 * True when a JSON string holds a Terraform template sequence, `${` or `%{`, that is not escaped
 * as `$${` or `%%{`: Terraform evaluates it at plan time, so its value is unknown here.
 */
export function hasTemplate(s: string): boolean {
  return /(?<!\$)\$\{|(?<!%)%\{/.test(s);
}

/** A template-free string as Terraform passes it on: `$${` is `${`, `%%{` is `%{`. */
function literalText(s: string): string {
  return s.includes('$${') || s.includes('%%{') ? s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') : s;
}

/** Where the stack deploys: its `Environment` default tag, account and region from the AWS provider. */
export function stackTarget(stack: TerraformStack): { environment: string; account: string; region: string } {
  const provider = block(isObject(stack.json) && isObject(stack.json.provider) ? stack.json.provider.aws : undefined) ?? {};
  const tags = block(block(provider.default_tags)?.tags) ?? {};
  return {
    environment: text(tags.Environment) ?? stack.name,
    account: strings(provider.allowed_account_ids)[0] ?? '',
    region: text(provider.region) ?? '',
  };
}

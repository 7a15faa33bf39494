import { compare } from './catalog';
import { TerraformStack, isObject, readStacks, stackTarget } from './terraform-stack';

/**
 * The stacks of a cdktf output (as {@link readStacks} finds them), those of one environment
 * read as one ({@link combineEnvironmentStacks}): what readback and every report read.
 * @throws Error as {@link readStacks}, or as {@link combineEnvironmentStacks}
 */
export function readEnvironmentStacks(path: string): TerraformStack[] {
  return combineEnvironmentStacks(readStacks(path));
}

/**
 * The stacks of one output, with those that deploy to one environment (same `Environment` tag,
 * account and region) read as one: an environment split per domain (`stacks: per-domain`) is a
 * foundation stack and a stack per domain, and Lake Formation grants in one meet tags, tables and
 * roles of another. The combined stack is named and filed after its first stack by name (the
 * foundation, `<mesh>-<env>`, before its `<mesh>-<env>_<domain>` stacks), so reports read the
 * same for either shape. Its resources and locals are those of every part: a resource address in
 * two parts is an error (Terraform would hold two objects where readback sees one), list-valued
 * locals such as the external catalog are joined. A group with a part whose `resource` or
 * `locals` is not an object is left apart, for the shape check to report stack by stack.
 * @throws Error naming both files when two stacks of one environment hold one resource address
 */
export function combineEnvironmentStacks(stacks: readonly TerraformStack[]): TerraformStack[] {
  const groups = new Map<string, TerraformStack[]>();
  for (const stack of stacks) {
    const t = stackTarget(stack);
    const key = JSON.stringify([t.environment, t.account, t.region]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [stack]);
    else group.push(stack);
  }
  return [...groups.values()]
    .flatMap((group) => (group.length > 1 && group.every(combinable) ? [combine(group)] : group))
    .sort((a, b) => compare(a.name, b.name));
}

type Json = Record<string, unknown>;

function combinable(stack: TerraformStack): boolean {
  const json: unknown = stack.json;
  return isObject(json) && ['resource', 'locals'].every((k) => json[k] === undefined || isObject(json[k]));
}

function combine(group: readonly TerraformStack[]): TerraformStack {
  const [first] = [...group].sort((a, b) => compare(a.name, b.name));
  const json: Json = {};
  const resource: Record<string, Json> = {};
  const locals: Json = {};
  const origin = new Map<string, string>();
  for (const stack of group) {
    const part = stack.json as Json;
    // Other top-level keys as the first part that has them says: readback reads none of them,
    // the shape check reports those it does not know.
    for (const [k, v] of Object.entries(part)) if (!(k in json)) json[k] = v;
    for (const [type, byName] of Object.entries((part.resource ?? {}) as Json)) {
      if (!isObject(byName)) {
        resource[type] ??= byName as Json;
        continue;
      }
      const into = (resource[type] ??= {});
      for (const [name, body] of Object.entries(byName)) {
        const address = `${type}.${name}`;
        if (origin.has(address)) {
          throw new Error(`\`${origin.get(address)}\` and \`${stack.file}\` deploy to one environment and both hold ${address}`);
        }
        origin.set(address, stack.file);
        into[name] = body;
      }
    }
    for (const [name, value] of Object.entries((part.locals ?? {}) as Json)) {
      locals[name] = name in locals ? joinLocal(locals[name], value, name, stack.file) : value;
    }
  }
  if (Object.keys(resource).length > 0) json.resource = resource;
  if (Object.keys(locals).length > 0) json.locals = locals;
  return { name: first.name, file: first.file, json };
}

/** Two parts' values of one local: objects of lists are joined list by list; anything else is an error. */
function joinLocal(a: unknown, b: unknown, name: string, file: string): Json {
  const lists = (v: unknown): v is Record<string, unknown[]> => isObject(v) && Object.values(v).every(Array.isArray);
  if (!lists(a) || !lists(b)) throw new Error(`\`${file}\` defines local ${name} again, for an environment that defines it already`);
  const joined: Record<string, unknown[]> = { ...a };
  for (const [k, v] of Object.entries(b)) joined[k] = [...(joined[k] ?? []), ...v];
  return joined;
}

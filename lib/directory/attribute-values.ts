import { printable } from '../abac/attributes';
import { ProblemCollector, SpecPath } from '../model/problems';
import { isObject } from '../input/json-object';

/**
 * A person's attributes while a directory is read: the values of each attribute, and where each
 * attribute was written, so that a later check against the mesh's declared attributes points at
 * the file, line and field at fault.
 */
export interface ReadAttributes {
  /** Attribute name -> values, in the order written, without repeats. */
  readonly values: Record<string, string[]>;
  /** Attribute name -> where it was read (the first place, when several sources give it). */
  readonly paths: Record<string, SpecPath>;
}

/** No attribute yet. */
export const noAttributes = (): ReadAttributes => ({ values: {}, paths: {} });

/**
 * Adds the values of one attribute as a directory writes them: text (numbers and booleans are
 * read as their text, as session tags are), a list of them (a multi-valued attribute), or a SCIM
 * multi-valued complex attribute (a list of `{ value, ... }` objects). An attribute given by two
 * sources (the enterprise extension and a custom one) holds the values of both.
 * Anything else is a problem at `path`; null, empty text and an empty list hold no value.
 */
export function addAttributeValues(into: ReadAttributes, name: string, raw: unknown, path: SpecPath, problems: ProblemCollector): void {
  const values = readValues(name, raw, path, problems);
  if (values === undefined || values.length === 0) return;
  const held = (into.values[name] ??= []);
  for (const v of values) if (!held.includes(v)) held.push(v);
  into.paths[name] ??= path;
}

function readValues(attribute: string, raw: unknown, path: SpecPath, problems: ProblemCollector): string[] | undefined {
  // SCIM writes an unassigned attribute as null (RFC 7643 2.5); exports also write "".
  if (raw === null || raw === '') return undefined;
  const scalar = asText(raw);
  if (scalar !== undefined) return [scalar];
  // Escaped for messages, which a scalar (most values) never needs.
  const name = printable(attribute);
  if (!Array.isArray(raw)) {
    problems.add(
      path,
      `attribute \`${name}\` must be text or a list of texts, not ${kindOf(raw)}`,
      'write `country: FR`, or `country: [FR, DE]` for several values',
    );
    return undefined;
  }
  const out: string[] = [];
  raw.forEach((item: unknown, i) => {
    if (item === null || item === '') return;
    const text = asText(isObject(item) ? item.value : item);
    if (text !== undefined) out.push(text);
    else if (isObject(item))
      problems.add([...path, i], `value ${i + 1} of attribute \`${name}\` has no text \`value\``, 'write `{ value: FR }`');
    else problems.add([...path, i], `value ${i + 1} of attribute \`${name}\` must be text, not ${kindOf(item)}`);
  });
  return out;
}

/** Text, number or boolean as its text; an empty string is no value. */
function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'a mapping' : typeof v;
}

/**
 * True when a parsed JSON or YAML value is an object (not null, not an array): the one test every
 * reader of untrusted documents (directory snapshots, imported catalogs, synthesized stacks)
 * makes before it looks at a field.
 */
export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

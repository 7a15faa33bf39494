import { ProblemCollector, SpecPath } from '../model/problems';
import { suggest } from '../model/suggest';
import { pathProblem } from './tag-path';

/**
 * A fact about people, declared once for the mesh (`attributes:` in mesh.yaml) and given to each
 * person by the directory: `department`, `country`, `businessLine`.
 */
export interface AttributeSpec {
  /** Name as the directory and policies write it, e.g. `businessLine`. */
  readonly name: string;
  readonly description?: string;
  /**
   * The values a person may hold. Policies may only name declared values, and a row policy that
   * uses the attribute needs them: each value becomes one segment on AWS.
   * @default - any value; policies may then only compare it with data tags (`tagMatchesAttribute`)
   */
  readonly values?: readonly string[];
  /**
   * Values are dot-separated paths (`Finance.Payables`); a person holding `Finance` matches data
   * tagged `Finance.Payables`.
   * @default false
   */
  readonly hierarchical?: boolean;
  /**
   * A person may hold several values (e.g. several countries).
   * @default false
   */
  readonly multiValued?: boolean;
}

/** A validated attribute. */
export interface Attribute {
  readonly name: string;
  readonly description?: string;
  /** Sorted; undefined when any value is allowed. */
  readonly values?: readonly string[];
  readonly hierarchical: boolean;
  readonly multiValued: boolean;
}

/** Attribute names: a letter, then letters, digits or `_` (they become session tag keys on AWS). */
export const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** Attribute values and data tags: printable, no template or policy-variable syntax. */
export const FACT_VALUE = /^[A-Za-z0-9][A-Za-z0-9 _.:/=+@-]{0,127}$/;

/** Checks the declared attributes and returns them by name. */
export function checkAttributes(
  specs: readonly AttributeSpec[],
  problems: ProblemCollector,
  path: SpecPath = ['attributes'],
): ReadonlyMap<string, Attribute> {
  const byName = new Map<string, Attribute>();
  specs.forEach((spec, i) => {
    const at = [...path, i];
    if (!ATTRIBUTE_NAME.test(spec.name)) {
      problems.add(
        [...at, 'name'],
        `attribute name \`${spec.name}\` is not valid`,
        'start with a letter; letters, digits and `_` only, at most 64 characters',
      );
      return;
    }
    if (byName.has(spec.name)) {
      problems.add([...at, 'name'], `attribute \`${spec.name}\` is declared twice`);
      return;
    }
    const values = spec.values === undefined ? undefined : [...new Set(spec.values)].sort();
    (spec.values ?? []).forEach((v, j) => {
      const bad = checkFactValue(v, spec.hierarchical === true);
      if (bad) problems.add([...at, 'values', j], `value of attribute \`${spec.name}\`: ${bad}`);
    });
    byName.set(spec.name, {
      name: spec.name,
      description: spec.description,
      values,
      hierarchical: spec.hierarchical === true,
      multiValued: spec.multiValued === true,
    });
  });
  return byName;
}

/** Why a value of an attribute or a data tag is refused, or undefined. */
export function checkFactValue(value: string, hierarchical: boolean): string | undefined {
  if (!FACT_VALUE.test(value))
    return `\`${printable(value)}\` is not a valid value (letters, digits, space and _ . : / = + @ -; at most 128 characters)`;
  return hierarchical ? pathProblem(value) : undefined;
}

/**
 * Resolves a reference to an attribute and, when given, one of its values; reports an unknown
 * name or value with a did-you-mean hint. Returns the attribute when the reference holds.
 */
export function resolveAttributeRef(
  attributes: ReadonlyMap<string, Attribute>,
  name: string,
  values: readonly string[],
  problems: ProblemCollector,
  path: SpecPath,
): Attribute | undefined {
  const attribute = attributes.get(name);
  if (!attribute) {
    const hint =
      attributes.size === 0 ? 'no attribute is declared: declare them in mesh.yaml under `attributes:`' : suggest(name, attributes.keys());
    problems.add(path, `unknown attribute \`${printable(name)}\``, hint);
    return undefined;
  }
  values.forEach((v, i) => {
    if (attribute.values && !attribute.values.includes(v)) {
      problems.add([...path, i], `\`${printable(v)}\` is not a declared value of attribute \`${name}\``, suggest(v, attribute.values));
    }
  });
  return attribute;
}

/** A value as it may be shown in a message: control characters escaped. */
export function printable(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

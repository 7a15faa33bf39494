import { Attribute, checkFactValue, printable } from '../abac/attributes';
import { isWithin } from '../abac/tag-path';
import { ProblemCollector } from '../model/problems';
import { suggest } from '../model/suggest';
import { ReadAttributes } from './attribute-values';

/**
 * Checks people's attributes against the attributes the mesh declares (`attributes:` in
 * mesh.yaml), each problem at the field of the directory file that gives the value:
 * - each value is a valid session tag value; a value that differs from a declared one only in
 *   case (`Fr` for `FR`) is taken for a typo, since it would silently match nothing. Other values
 *   outside the declared list (`ES` where policies segment on `DE`, `FR`, `US`) are facts no policy
 *   uses: their holders match no condition on them, which is the closed side (docs/decisions.md);
 * - a single-valued attribute holds one value: its session tag carries one;
 * - a value of a multi-valued attribute holds no `:`, the separator of its session tag
 *   (`:US:FR:`), which would otherwise let one value read as two;
 * - an undeclared attribute whose name is close to a declared one is taken for a typo (did you
 *   mean). Other undeclared attributes (`title`, `costCenter`) are facts no policy uses: left alone.
 * What is wrong with a name or a value is worked out once per distinct name and value, not per
 * person: a directory of 100,000 people holds a few hundred of them.
 * @returns the check of one person
 */
export function declaredAttributesCheck(
  declared: ReadonlyMap<string, Attribute>,
): (person: string, attributes: ReadAttributes, problems: ProblemCollector) => void {
  const hints = new Map<string, string | undefined>();
  /** The did-you-mean hint of an undeclared name; undefined when it is no plausible typo. */
  const typoOf = (name: string) => {
    if (!hints.has(name)) {
      const hint = suggest(name, declared.keys());
      hints.set(name, hint.startsWith('did you mean') ? hint : undefined);
    }
    return hints.get(name);
  };
  const verdicts = new Map<Attribute, Map<string, ValueVerdict>>();
  const verdictOf = (attribute: Attribute, value: string) => {
    let known = verdicts.get(attribute);
    if (known === undefined) verdicts.set(attribute, (known = new Map()));
    let verdict = known.get(value);
    if (verdict === undefined) known.set(value, (verdict = judge(attribute, value)));
    return verdict;
  };
  return (person, attributes, problems) => {
    for (const name of Object.keys(attributes.values).sort()) {
      const path = attributes.paths[name];
      const values = attributes.values[name];
      const attribute = declared.get(name);
      if (attribute === undefined) {
        const hint = typoOf(name);
        if (hint !== undefined)
          problems.add(path, `user \`${person}\`: attribute \`${printable(name)}\` is not declared in mesh.yaml`, hint);
        continue;
      }
      if (!attribute.multiValued && values.length > 1)
        problems.add(
          path,
          `user \`${person}\` holds ${values.length} values of attribute \`${name}\`, which is not multi-valued`,
          `keep one value, or declare \`multiValued: true\` for \`${name}\` in mesh.yaml`,
        );
      for (const value of values) {
        const verdict = verdictOf(attribute, value);
        if (verdict === OK) continue;
        if (verdict.bad !== undefined) problems.add(path, `user \`${person}\`, attribute \`${name}\`: ${verdict.bad}`);
        else
          problems.add(
            path,
            `user \`${person}\` holds \`${printable(value)}\`, which is not a declared value of attribute \`${name}\``,
            `did you mean \`${verdict.meant}\`?`,
          );
      }
    }
  };
}

/** What is wrong with one value of a declared attribute: not a valid value, or a declared one in another case. */
type ValueVerdict = typeof OK | { readonly bad: string; readonly meant?: undefined } | { readonly bad?: undefined; readonly meant: string };
const OK = 'ok';

function judge(attribute: Attribute, value: string): ValueVerdict {
  const bad =
    checkFactValue(value, attribute.hierarchical) ??
    (attribute.multiValued && value.includes(':')
      ? `\`${printable(value)}\` holds \`:\`, the separator of multi-valued session tags`
      : undefined);
  if (bad !== undefined) return { bad };
  if (attribute.values === undefined || isDeclared(value, attribute)) return OK;
  const meant = attribute.values.find((d) => d.toLowerCase() === value.toLowerCase());
  return meant === undefined ? OK : { meant };
}

function isDeclared(value: string, attribute: Attribute): boolean {
  const declared = attribute.values ?? [];
  return attribute.hierarchical ? declared.some((d) => isWithin(value, d)) : declared.includes(value);
}

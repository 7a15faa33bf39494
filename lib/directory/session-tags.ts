import { DirectoryPerson } from './directory';

/** The separator that surrounds every value of a multi-valued attribute in its session tag. */
export const MULTI_VALUE_SEPARATOR = ':';

/**
 * The session tags a person's sessions carry, as the identity provider sets them from the
 * directory (docs/aws-mapping.md, "Attributes as session tags"): one tag per attribute, holding
 * its value, or for a multi-valued attribute every value between colons (`:FR:US:`). A person
 * holding several values of an attribute that is not multi-valued has no tag for it (no single
 * value can be sent; loading the directory with the mesh's attributes reports it).
 *
 * @param multiValued whether an attribute is declared `multiValued`
 * @param only the tag keys wanted (lower case), when not all are
 * @returns tag key (lower case, as IAM compares keys) -> value
 */
export function sessionTagsOf(
  person: DirectoryPerson,
  multiValued: (attribute: string) => boolean,
  only?: ReadonlySet<string>,
): ReadonlyMap<string, string> {
  const tags = new Map<string, string>();
  for (const [name, values] of Object.entries(person.attributes)) {
    const key = name.toLowerCase();
    if ((only !== undefined && !only.has(key)) || tags.has(key) || values.length === 0) continue;
    if (multiValued(name)) tags.set(key, `${MULTI_VALUE_SEPARATOR}${values.join(MULTI_VALUE_SEPARATOR)}${MULTI_VALUE_SEPARATOR}`);
    else if (values.length === 1) tags.set(key, values[0]);
  }
  return tags;
}

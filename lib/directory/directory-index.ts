import { DirectoryPerson, DirectorySnapshot } from './directory';

/**
 * A directory snapshot indexed once by group, user name and attribute value, so that finding
 * who can become a principal looks people up instead of scanning everyone for every principal.
 */
export class DirectoryIndex {
  private readonly byGroup = new Map<string, DirectoryPerson[]>();
  private readonly byName = new Map<string, DirectoryPerson>();
  private readonly byAttribute = new Map<string, DirectoryPerson[]>();
  /** `matching` answers by rule: the roles of one domain repeat the same rule. */
  private readonly byRule = new Map<string, readonly DirectoryPerson[]>();

  constructor(directory: DirectorySnapshot) {
    const add = (index: Map<string, DirectoryPerson[]>, key: string, person: DirectoryPerson) => {
      const list = index.get(key);
      if (list === undefined) index.set(key, [person]);
      else list.push(person);
    };
    for (const person of directory.people) {
      this.byName.set(person.name, person);
      for (const g of person.groups) add(this.byGroup, g, person);
      for (const [k, values] of Object.entries(person.attributes))
        for (const v of values) add(this.byAttribute, attributeKey(k, v), person);
    }
  }

  /** Everyone of a group (nested groups included, as the snapshot resolves them). */
  members(group: string): readonly DirectoryPerson[] {
    return this.byGroup.get(group) ?? [];
  }

  /** The person of this user name, if in the directory. */
  person(name: string): DirectoryPerson | undefined {
    return this.byName.get(name);
  }

  /**
   * People whose attributes match a rule: for every key, the person holds one of its values (keys
   * ANDed, values ORed, as in the trust policy). Looked up from the rarest key's values, then checked.
   */
  matching(rule: Readonly<Record<string, readonly string[]>>): readonly DirectoryPerson[] {
    const keys = Object.keys(rule).sort();
    const id = JSON.stringify(keys.map((k) => [k, rule[k]]));
    const known = this.byRule.get(id);
    if (known !== undefined) return known;
    const count = (k: string) => rule[k].reduce((n, v) => n + (this.byAttribute.get(attributeKey(k, v))?.length ?? 0), 0);
    const rarest = keys.length === 0 ? undefined : keys.reduce((a, b) => (count(b) < count(a) ? b : a));
    const candidates =
      rarest === undefined ? [] : [...new Set(rule[rarest].flatMap((v) => this.byAttribute.get(attributeKey(rarest, v)) ?? []))];
    const found = candidates.filter((p) => keys.every((k) => (p.attributes[k] ?? []).some((v) => rule[k].includes(v))));
    this.byRule.set(id, found);
    return found;
  }
}

const attributeKey = (key: string, value: string) => `${key}\u0000${value}`;

/** One index per snapshot: reports ask about many principals of the same directory. */
const indexes = new WeakMap<DirectorySnapshot, DirectoryIndex>();

/** The index of a snapshot, built on first use. */
export function directoryIndex(directory: DirectorySnapshot): DirectoryIndex {
  let index = indexes.get(directory);
  if (index === undefined) {
    index = new DirectoryIndex(directory);
    indexes.set(directory, index);
  }
  return index;
}

import { DirectoryPerson, DirectorySnapshot } from './directory';

/**
 * A directory snapshot indexed once by group, user name and attribute value, so that finding
 * who can become a principal looks people up instead of scanning everyone for every principal.
 */
export class DirectoryIndex {
  private readonly byGroup = new Map<string, DirectoryPerson[]>();
  private readonly byName = new Map<string, DirectoryPerson>();
  private readonly byAttribute = new Map<string, DirectoryPerson[]>();

  constructor(directory: DirectorySnapshot) {
    const add = (index: Map<string, DirectoryPerson[]>, key: string, person: DirectoryPerson) => {
      const list = index.get(key);
      if (list === undefined) index.set(key, [person]);
      else list.push(person);
    };
    for (const person of directory.people) {
      this.byName.set(person.name, person);
      for (const g of person.groups) add(this.byGroup, g, person);
      for (const [k, v] of Object.entries(person.attributes)) add(this.byAttribute, attributeKey(k, v), person);
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
   * People whose attributes match a rule: for every key, one of its values (keys ANDed, values
   * ORed, as in the trust policy). Looked up from the rarest key's values, then checked.
   */
  matching(rule: Readonly<Record<string, readonly string[]>>): DirectoryPerson[] {
    const keys = Object.keys(rule);
    if (keys.length === 0) return [];
    const candidates = (k: string) => rule[k].flatMap((v) => this.byAttribute.get(attributeKey(k, v)) ?? []);
    const rarest = keys.map((k) => ({ k, people: candidates(k) })).sort((a, b) => a.people.length - b.people.length)[0];
    return [...new Set(rarest.people)].filter((p) => keys.every((k) => p.attributes[k] !== undefined && rule[k].includes(p.attributes[k])));
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

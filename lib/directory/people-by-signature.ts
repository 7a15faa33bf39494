import { SessionRule } from '../readback/effective-access';
import { ruleTestsHold } from '../readback/tag-tests';
import { DirectorySnapshot } from './directory';
import { sessionTagsOf } from './session-tags';
import type { DirectoryTrust, IdentityMapping } from './directory-trust';

/** People whom an environment's trust policies cannot tell apart. */
interface Signature {
  /** Sorted by name. */
  readonly people: string[];
  /** The ARNs of the group and user principals whose sessions they hold. */
  readonly sessions: ReadonlySet<string>;
  /** Their session tags of the keys some rule tests (lower case). */
  readonly tags: ReadonlyMap<string, string>;
}

/**
 * A directory's people grouped by signature, for one identity mapping: the mapped groups they
 * belong to, their user name when the mapping maps it, and the values of the session tags that
 * attribute rules test. Everything a trust policy can ask of a person is a function of these, so
 * each principal is resolved once per signature, with groups and tag values indexed, instead of
 * once per person: people sharing groups, department and country are resolved together.
 */
export class PeopleBySignature {
  private readonly signatures: Signature[] = [];
  private readonly signatureOf = new Map<string, number>();
  private readonly byGroup = new Map<string, number[]>();
  private readonly byUser = new Map<string, number>();
  /** `<key>\0<tag value>` -> signatures holding that tag. */
  private readonly byTag = new Map<string, number[]>();
  private readonly sessionPrincipals: ReadonlySet<string>;

  /** @param keys the session tag keys (lower case) that the rules to resolve test */
  constructor(directory: DirectorySnapshot, identity: IdentityMapping, keys: ReadonlySet<string>) {
    this.sessionPrincipals = new Set(identity.attributeSessionPrincipals);
    const multiValued = new Set(identity.multiValuedAttributes ?? []);
    const index = new Map<string, number>();
    for (const person of directory.people) {
      const groups = person.groups.filter((g) => identity.groups.has(g));
      const user = identity.users.has(person.name) ? person.name : undefined;
      const tags = keys.size === 0 ? [] : [...sessionTagsOf(person, (a) => multiValued.has(a), keys)].sort(([a], [b]) => (a < b ? -1 : 1));
      const id = JSON.stringify([groups, user ?? null, tags]);
      let s = index.get(id);
      if (s === undefined) {
        s = this.signatures.length;
        index.set(id, s);
        const sessions = new Set(groups.map((g) => identity.groups.get(g)!));
        if (user !== undefined) sessions.add(identity.users.get(user)!);
        this.signatures.push({ people: [], sessions, tags: new Map(tags) });
        for (const g of groups) push(this.byGroup, g, s);
        if (user !== undefined) this.byUser.set(user, s);
        for (const [k, v] of tags) push(this.byTag, tagKey(k, v), s);
      }
      this.signatures[s].people.push(person.name);
      this.signatureOf.set(person.name, s);
    }
  }

  /** How many signatures there are (they are numbered from 0). */
  get size(): number {
    return this.signatures.length;
  }

  /** The signature of a person of the directory. */
  of(person: string): number | undefined {
    return this.signatureOf.get(person);
  }

  /** The people of a signature, sorted by name. */
  people(signature: number): readonly string[] {
    return this.signatures[signature].people;
  }

  /**
   * The signatures a trust admits, each with its ways in (sorted, as {@link waysIn} gives them
   * for each of its people). Rules with `StringEquals` tests look their candidates up by the tag
   * value of their rarest key; the others are checked on every signature.
   */
  admitted(trust: DirectoryTrust): Map<number, readonly string[]> {
    const ways = new Map<number, string[]>();
    const admit = (s: number, way: string) => {
      const list = ways.get(s);
      if (list === undefined) ways.set(s, [way]);
      else if (!list.includes(way)) list.push(way);
    };
    for (const g of trust.groups) for (const s of this.byGroup.get(g) ?? []) admit(s, `group ${g}`);
    for (const u of trust.users) {
      const s = this.byUser.get(u);
      if (s !== undefined) admit(s, `user ${u}`);
    }
    if (trust.anySession) for (const s of this.signatures.keys()) admit(s, ANY_SESSION);
    for (const { rule, way } of trust.rules) {
      for (const s of this.candidates(rule)) {
        const { sessions, tags } = this.signatures[s];
        if (
          rule.principals.some((arn) => this.sessionPrincipals.has(arn) || sessions.has(arn)) &&
          ruleTestsHold(rule, (key) => tags.get(key))
        )
          admit(s, way);
      }
    }
    for (const list of ways.values()) list.sort();
    return ways;
  }

  private candidates(rule: SessionRule): Iterable<number> {
    const equal = Object.entries(rule.attributes).map(([k, values]) => {
      const key = k.toLowerCase();
      return [...new Set(values)].map((v) => this.byTag.get(tagKey(key, v)) ?? []);
    });
    if (equal.length === 0) return this.signatures.keys();
    const count = (lists: number[][]) => lists.reduce((n, l) => n + l.length, 0);
    // A signature holds one value of a tag: the lists of one key's values do not overlap.
    return equal.reduce((a, b) => (count(b) < count(a) ? b : a)).flat();
  }
}

/** The way in of everyone, when an attribute session principal is trusted without condition. */
export const ANY_SESSION = 'any attribute session';

const tagKey = (key: string, value: string) => `${key}\u0000${value}`;

function push(index: Map<string, number[]>, key: string, value: number): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [value]);
  else list.push(value);
}

/** The session tag keys (lower case) that rules test, with `StringEquals` or otherwise. */
export function ruleTagKeys(rules: readonly SessionRule[]): Set<string> {
  const keys = new Set<string>();
  for (const r of rules) {
    for (const k of Object.keys(r.attributes)) keys.add(k.toLowerCase());
    for (const t of r.tagTests ?? []) keys.add(t.attribute.toLowerCase());
  }
  return keys;
}

/** Partitions already made, per snapshot, identity mapping and tag keys: reports resolve many principals of one directory. */
const made = new WeakMap<DirectorySnapshot, WeakMap<IdentityMapping, Map<string, PeopleBySignature>>>();

/** The people of a snapshot by signature for an identity mapping and the tag keys of the rules to resolve, made on first use. */
export function peopleBySignature(directory: DirectorySnapshot, identity: IdentityMapping, keys: ReadonlySet<string>): PeopleBySignature {
  let byIdentity = made.get(directory);
  if (byIdentity === undefined) made.set(directory, (byIdentity = new WeakMap()));
  let byKeys = byIdentity.get(identity);
  if (byKeys === undefined) byIdentity.set(identity, (byKeys = new Map()));
  const id = JSON.stringify([...keys].sort());
  let signatures = byKeys.get(id);
  if (signatures === undefined) byKeys.set(id, (signatures = new PeopleBySignature(directory, identity, keys)));
  return signatures;
}

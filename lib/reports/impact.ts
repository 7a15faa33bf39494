import { DirectorySnapshot } from '../directory/directory';
import { IdentityMapping, whoCanBecome } from '../directory/who-can-become';
import { EffectiveAccess } from '../readback/effective-access';
import { AccessChange, diffAccess } from './access-diff';
import { describeLosses } from './describe-change';

/** A change in one person's access, and how the person reaches the principal. */
export interface PersonChange extends AccessChange {
  /** `group fraud-analysts`, `user jane.doe`, `attributes department=finance`; sorted. */
  readonly via: readonly string[];
  /** Other roles through which the person still reaches the table afterwards (sorted): a loss here may not lose the table. */
  readonly stillThrough: readonly string[];
}

/** Everything that changes for one person. */
export interface PersonImpact {
  readonly person: string;
  /** Sorted by environment, principal, table. */
  readonly changes: readonly PersonChange[];
  /** The person can reach something new. */
  readonly gains: boolean;
  /** The person loses some access through some principal (they may still reach it through another). */
  readonly loses: boolean;
}

/** A principal of the new side trusting identities that are no directory group or user. */
export interface UnresolvedPrincipal {
  readonly environment: string;
  readonly roleName: string;
  /** Sorted. */
  readonly principals: readonly string[];
}

/** Who gains or loses access through a change. */
export interface ImpactReport {
  /** People with at least one change, sorted by name. */
  readonly people: readonly PersonImpact[];
  /** People behind these cannot be named from the directory; sorted. */
  readonly unresolved: readonly UnresolvedPrincipal[];
}

const NO_MAPPING: IdentityMapping = { groups: new Map(), users: new Map(), attributeSessionPrincipals: [] };

/**
 * Which people of a directory gain or lose access from `before` to `after` (two synthesized
 * outputs; `before` empty to list everyone's access), through which principal and membership.
 * @param identities each environment's identity mapping, by environment name
 */
export function analyzeImpact(
  before: readonly EffectiveAccess[],
  after: readonly EffectiveAccess[],
  directory: DirectorySnapshot,
  identities: ReadonlyMap<string, IdentityMapping>,
): ImpactReport {
  const old = byPerson(before, directory, identities);
  const now = byPerson(after, directory, identities);
  const people: PersonImpact[] = [];
  for (const person of directory.people.map((p) => p.name)) {
    const was = old.access.get(person) ?? [];
    const is = now.access.get(person) ?? [];
    const changes = diffAccess(was, is).changes.map((c) => {
      const via = (now.via.get(person)?.get(viaKey(c)) ?? old.via.get(person)?.get(viaKey(c)))!;
      const others = is.filter((a) => a.environment === c.environment && a.database === c.database && a.table === c.table && a.principal.roleName !== c.roleName);
      return { ...c, via, stillThrough: [...new Set(others.map((a) => a.principal.roleName))].sort() };
    });
    if (changes.length === 0) continue;
    people.push({ person, changes, gains: changes.some((c) => c.widens), loses: changes.some((c) => describeLosses(c).length > 0) });
  }
  return { people, unresolved: now.unresolved };
}

const viaKey = (c: { environment: string; roleName: string }) => `${c.environment}\u0000${c.roleName}`;

/** Each person's access on one side: the access of every principal they can become. */
function byPerson(list: readonly EffectiveAccess[], directory: DirectorySnapshot, identities: ReadonlyMap<string, IdentityMapping>) {
  const access = new Map<string, EffectiveAccess[]>();
  const via = new Map<string, Map<string, readonly string[]>>();
  const unresolved = new Map<string, UnresolvedPrincipal>();
  const resolved = new Map<string, ReturnType<typeof whoCanBecome>>();
  for (const a of list) {
    const key = viaKey({ environment: a.environment, roleName: a.principal.roleName });
    let who = resolved.get(key);
    if (!who) {
      who = whoCanBecome(a.principal.members, directory, identities.get(a.environment) ?? NO_MAPPING);
      resolved.set(key, who);
      if (who.unresolved.length > 0) unresolved.set(key, { environment: a.environment, roleName: a.principal.roleName, principals: who.unresolved });
    }
    for (const { person, via: ways } of who.people) {
      access.set(person, [...(access.get(person) ?? []), a]);
      via.set(person, (via.get(person) ?? new Map()).set(key, ways));
    }
  }
  return { access, via, unresolved: [...unresolved.keys()].sort().map((k) => unresolved.get(k)!) };
}

import { DirectorySnapshot } from '../directory/directory';
import { IdentityMapping, PrincipalPeople, whoCanBecome } from '../directory/who-can-become';
import { EffectiveAccess } from '../readback/effective-access';
import { compare as compareText } from '../readback/catalog';
import { AccessChange, compareChanges, diffAccess } from './access-diff';
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
 * Each principal is diffed once and its people resolved once: a person gains everything of a
 * principal they can newly become, loses everything of one they no longer can, and otherwise
 * sees the principal's own changes. The work grows with the access, the directory and the
 * changes, not with their product.
 * @param identities each environment's identity mapping, by environment name
 */
export function analyzeImpact(
  before: readonly EffectiveAccess[],
  after: readonly EffectiveAccess[],
  directory: DirectorySnapshot,
  identities: ReadonlyMap<string, IdentityMapping>,
): ImpactReport {
  const old = byPrincipal(before);
  const now = byPrincipal(after);
  // Principals of one environment often trust the same members (a domain's roles, its group):
  // resolved once per distinct membership, with a lookup of how each person gets in.
  const resolved = new Map<string, { who: PrincipalPeople; via: ReadonlyMap<string, readonly string[]> }>();
  const people = (list: readonly EffectiveAccess[] | undefined) => {
    if (list === undefined) return undefined;
    const { environment, principal } = list[0];
    const key = `${environment}\u0000${JSON.stringify(principal.members)}`;
    let known = resolved.get(key);
    if (known === undefined) {
      const who = whoCanBecome(principal.members, directory, identities.get(environment) ?? NO_MAPPING);
      known = { who, via: new Map(who.people.map((p) => [p.person, p.via])) };
      resolved.set(key, known);
    }
    return known;
  };
  // Roles reaching each table afterwards, and who can become each of them: for `stillThrough`.
  const reaching = new Map<string, Set<string>>();
  for (const a of after) {
    const key = tableKey(a);
    reaching.set(key, (reaching.get(key) ?? new Set()).add(a.principal.roleName));
  }
  /** Per role of the new side (by environment and name): who can become it, by person. */
  const admittedAfter = new Map<string, ReadonlyMap<string, readonly string[]>[]>();
  const unresolved = new Map<string, UnresolvedPrincipal>();
  const changesOf = new Map<string, PersonChange[]>();
  const pending: { person: string; change: AccessChange; via: readonly string[] }[] = [];

  for (const key of new Set([...old.keys(), ...now.keys()])) {
    const [was, is] = [old.get(key), now.get(key)];
    const [whoWas, whoIs] = [people(was), people(is)];
    if (is !== undefined && whoIs !== undefined) {
      const role = viaKey({ environment: is[0].environment, roleName: is[0].principal.roleName });
      admittedAfter.set(role, [...(admittedAfter.get(role) ?? []), whoIs.via]);
      if (whoIs.who.unresolved.length > 0 && !unresolved.has(role))
        unresolved.set(role, { environment: is[0].environment, roleName: is[0].principal.roleName, principals: whoIs.who.unresolved });
    }
    // A principal whose members and access are the same on both sides changes nothing for anyone:
    // its people are not walked (most principals, for a one-product or one-group change).
    if (whoWas !== undefined && whoWas === whoIs && diffAccess(was!, is!).changes.length === 0) continue;
    const viaWas = whoWas?.via ?? NOBODY;
    const viaIs = whoIs?.via ?? NOBODY;
    let both: readonly AccessChange[] | undefined;
    let gained: readonly AccessChange[] | undefined;
    let lost: readonly AccessChange[] | undefined;
    for (const [person, via] of viaIs) {
      const changes = viaWas.has(person)
        ? (both ??= diffAccess(was ?? [], is ?? []).changes)
        : (gained ??= diffAccess([], is ?? []).changes);
      for (const change of changes) pending.push({ person, change, via });
    }
    for (const [person, via] of viaWas) {
      if (viaIs.has(person)) continue;
      for (const change of (lost ??= diffAccess(was ?? [], []).changes)) pending.push({ person, change, via });
    }
  }
  for (const { person, change, via } of pending) {
    const others = [...(reaching.get(tableKey(change)) ?? [])].filter(
      (role) =>
        role !== change.roleName &&
        (admittedAfter.get(viaKey({ environment: change.environment, roleName: role })) ?? []).some((m) => m.has(person)),
    );
    const list = changesOf.get(person) ?? [];
    list.push({ ...change, via, stillThrough: others.sort(compareText) });
    changesOf.set(person, list);
  }
  const report: PersonImpact[] = [...changesOf.keys()].sort(compareText).map((person) => {
    const changes = changesOf.get(person)!.sort(compareChanges);
    return { person, changes, gains: changes.some((c) => c.widens), loses: changes.some((c) => describeLosses(c).length > 0) };
  });
  return { people: report, unresolved: [...unresolved.keys()].sort(compareText).map((k) => unresolved.get(k)!) };
}

const NOBODY: ReadonlyMap<string, readonly string[]> = new Map();
const viaKey = (c: { environment: string; roleName: string }) => `${c.environment}\u0000${c.roleName}`;
const tableKey = (a: { environment: string; database: string; table: string }) => `${a.environment}\u0000${a.database}\u0000${a.table}`;

/** Access grouped by principal (environment and ARN), in order. */
function byPrincipal(list: readonly EffectiveAccess[]): Map<string, EffectiveAccess[]> {
  const out = new Map<string, EffectiveAccess[]>();
  for (const a of list) {
    const key = `${a.environment}\u0000${a.principal.arn}`;
    const group = out.get(key);
    if (group === undefined) out.set(key, [a]);
    else group.push(a);
  }
  return out;
}

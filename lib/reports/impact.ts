import { DirectorySnapshot } from '../directory/directory';
import { PeopleBySignature, peopleBySignature, ruleTagKeys } from '../directory/people-by-signature';
import { DirectoryTrust, IdentityMapping, readTrust } from '../directory/directory-trust';
import { EffectiveAccess, SessionRule } from '../readback/effective-access';
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

/** The trusted members of principals of one environment, read once however many principals share them. */
interface Membership {
  readonly environment: string;
  readonly trust: DirectoryTrust;
  /** Signatures of the environment's {@link PeopleBySignature} that can become the principal, and how; resolved when first needed. */
  admitted?: ReadonlyMap<number, readonly string[]>;
}

/** A principal whose members or access differ between the two sides, with its diffs made when first needed. */
interface ChangedPrincipal {
  readonly environment: string;
  readonly was?: readonly EffectiveAccess[];
  readonly is?: readonly EffectiveAccess[];
  readonly whoWas?: Membership;
  readonly whoIs?: Membership;
  /** For people who can become it on both sides, who newly can, who no longer can. */
  both?: readonly AccessChange[];
  gained?: readonly AccessChange[];
  lost?: readonly AccessChange[];
}

/**
 * Which people of a directory gain or lose access from `before` to `after` (two synthesized
 * outputs; `before` empty to list everyone's access), through which principal and membership.
 * Each principal is diffed once: a person gains everything of a principal they can newly become,
 * loses everything of one they no longer can, and otherwise sees the principal's own changes.
 * People are resolved by signature ({@link PeopleBySignature}), once per environment, and only
 * for the principals that change and the roles that may still reach their tables; people with
 * the same signatures in every environment share one list of changes, made once. The work grows
 * with the access, the directory and the changes, not with their product.
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
  const identityOf = (environment: string) => identities.get(environment) ?? NO_MAPPING;
  // Principals of one environment often trust the same members (a domain's roles, its group):
  // read once per distinct membership.
  const memberships = new Map<string, Membership>();
  const membership = (list: readonly EffectiveAccess[] | undefined): Membership | undefined => {
    if (list === undefined) return undefined;
    const { environment, principal } = list[0];
    const key = `${environment}\u0000${JSON.stringify(principal.members)}`;
    let known = memberships.get(key);
    if (known === undefined) memberships.set(key, (known = { environment, trust: readTrust(principal.members, identityOf(environment)) }));
    return known;
  };
  // One partition per environment, on the tag keys of every rule of either side.
  const rules = new Map<string, SessionRule[]>();
  for (const list of [...old.values(), ...now.values()]) {
    const { environment, principal } = list[0];
    const known = rules.get(environment);
    if (known === undefined) rules.set(environment, [...principal.members.attributeRules]);
    else known.push(...principal.members.attributeRules);
  }
  const partitions = new Map<string, PeopleBySignature>();
  const signatures = (environment: string) => {
    let known = partitions.get(environment);
    if (known === undefined)
      partitions.set(
        environment,
        (known = peopleBySignature(directory, identityOf(environment), ruleTagKeys(rules.get(environment) ?? []))),
      );
    return known;
  };
  const admitted = (m: Membership) => (m.admitted ??= signatures(m.environment).admitted(m.trust));

  // The roles reaching each table afterwards (sorted), with the memberships of each: for `stillThrough`.
  const roleMemberships = new Map<string, Membership[]>();
  const tables = new Map<string, Set<string>>();
  for (const list of now.values()) {
    const { environment, principal } = list[0];
    const role = viaKey({ environment, roleName: principal.roleName });
    const who = membership(list)!;
    const known = roleMemberships.get(role);
    if (known === undefined) roleMemberships.set(role, [who]);
    else known.push(who);
    for (const a of list) {
      const key = tableKey(a);
      tables.set(key, (tables.get(key) ?? new Set()).add(principal.roleName));
    }
  }
  const unresolved = new Map<string, UnresolvedPrincipal>();
  const changed: ChangedPrincipal[] = [];
  for (const key of new Set([...old.keys(), ...now.keys()])) {
    const [was, is] = [old.get(key), now.get(key)];
    const [whoWas, whoIs] = [membership(was), membership(is)];
    if (is !== undefined && whoIs !== undefined && whoIs.trust.unresolved.length > 0) {
      const role = viaKey({ environment: is[0].environment, roleName: is[0].principal.roleName });
      if (!unresolved.has(role))
        unresolved.set(role, { environment: is[0].environment, roleName: is[0].principal.roleName, principals: whoIs.trust.unresolved });
    }
    // A principal whose members and access are the same on both sides changes nothing for anyone:
    // its people are not resolved (most principals, for a one-product or one-group change).
    if (whoWas !== undefined && whoWas === whoIs && diffAccess(was!, is!).changes.length === 0) continue;
    changed.push({ environment: (is ?? was)![0].environment, was, is, whoWas, whoIs });
  }

  // People who can become a changed principal on either side, grouped by their signature in each
  // environment where something changed: everyone of a group sees the same changes.
  const environments = [...new Set(changed.map((c) => c.environment))];
  const groups = new Map<string, { signatures: ReadonlyMap<string, number>; people: string[] }>();
  const seen = new Set<string>();
  for (const c of changed)
    for (const m of [c.whoWas, c.whoIs])
      for (const s of m === undefined ? [] : admitted(m).keys())
        for (const person of signatures(c.environment).people(s)) {
          if (seen.has(person)) continue;
          seen.add(person);
          const own = new Map(environments.map((e) => [e, signatures(e).of(person)!]));
          const id = environments.map((e) => own.get(e)).join(',');
          const group = groups.get(id);
          if (group === undefined) groups.set(id, { signatures: own, people: [person] });
          else group.people.push(person);
        }

  // Roles other than its own through which a signature still reaches a table afterwards.
  const reaching = new Map<string, { role: string; memberships: readonly Membership[] }[]>();
  const stillThrough = (change: AccessChange, signature: number): string[] => {
    const key = tableKey(change);
    let roles = reaching.get(key);
    if (roles === undefined) {
      const names = [...(tables.get(key) ?? [])].sort(compareText);
      const environment = change.environment;
      roles = names.map((role) => ({ role, memberships: roleMemberships.get(viaKey({ environment, roleName: role })) ?? [] }));
      reaching.set(key, roles);
    }
    return roles.filter((r) => r.role !== change.roleName && r.memberships.some((m) => admitted(m).has(signature))).map((r) => r.role);
  };
  // One object per change and distinct way in and other roles: groups share them (most see a
  // change the same way), which keeps hundreds of thousands of person-table rows small.
  const shared = new Map<AccessChange, Map<string, PersonChange>>();
  const personChange = (change: AccessChange, via: readonly string[], still: readonly string[]): PersonChange => {
    const key = JSON.stringify([via, still]);
    let byWay = shared.get(change);
    if (byWay === undefined) shared.set(change, (byWay = new Map()));
    let known = byWay.get(key);
    if (known === undefined) byWay.set(key, (known = { ...change, via, stillThrough: still }));
    return known;
  };
  // A group's changes in order, by which changes of which principals it sees: most groups see the same.
  const ordered = new Map<string, { changes: readonly { change: AccessChange; part: number }[]; loses: boolean; gains: boolean }>();

  const report: PersonImpact[] = [];
  for (const { signatures: own, people } of groups.values()) {
    const parts: { list: readonly AccessChange[]; via: readonly string[]; signature: number }[] = [];
    const sees: string[] = [];
    changed.forEach((c, i) => {
      const signature = own.get(c.environment)!;
      const viaWas = c.whoWas && admitted(c.whoWas).get(signature);
      const viaIs = c.whoIs && admitted(c.whoIs).get(signature);
      if (viaIs !== undefined && viaWas !== undefined)
        parts.push({ list: (c.both ??= diffAccess(c.was ?? [], c.is ?? []).changes), via: viaIs, signature });
      else if (viaIs !== undefined) parts.push({ list: (c.gained ??= diffAccess([], c.is ?? []).changes), via: viaIs, signature });
      else if (viaWas !== undefined) parts.push({ list: (c.lost ??= diffAccess(c.was ?? [], []).changes), via: viaWas, signature });
      else return;
      sees.push(`${i}${viaIs === undefined ? '-' : viaWas === undefined ? '+' : '='}`);
    });
    const id = sees.join(',');
    let order = ordered.get(id);
    if (order === undefined) {
      // As compareChanges sorts each person's changes: stable, from the order of the principals.
      const changes = parts
        .flatMap((p, part) => p.list.map((change) => ({ change, part })))
        .sort((x, y) => compareChanges(x.change, y.change));
      order = {
        changes,
        gains: changes.some((c) => c.change.widens),
        loses: changes.some((c) => describeLosses(c.change).length > 0),
      };
      ordered.set(id, order);
    }
    if (order.changes.length === 0) continue;
    const changes = order.changes.map(({ change, part }) =>
      personChange(change, parts[part].via, stillThrough(change, parts[part].signature)),
    );
    for (const person of people) report.push({ person, changes, gains: order.gains, loses: order.loses });
  }
  report.sort((a, b) => compareText(a.person, b.person));
  return { people: report, unresolved: [...unresolved.keys()].sort(compareText).map((k) => unresolved.get(k)!) };
}

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

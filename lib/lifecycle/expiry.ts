import { addDays } from '../model/calendar-date';
import type { Approval } from '../model/approval';
import type { MemberEntry } from '../model/members';
import type { Mesh } from '../model/mesh';
import { SourceLocation, SpecPath, formatPath } from '../model/problems';
import { PRODUCT_ROLES } from '../model/product-role';

/** Where an entry with an expiry stands on the mesh's day. */
export type ExpiryStatus = 'expired' | 'expiring' | 'later';

/** One declared entry that carries `expires`: a member, a grant or a purpose binding. */
export interface DatedEntry {
  /** What it admits to: `purpose fraud-detection`, `product payments.transactions analyst`, `product payments.transactions`. */
  readonly holder: string;
  /** The entry: `user li.wei`, `group fraud-analysts`, `attribute rule department=finance`, `grant to analyst on port transactions`, `binding to purpose fraud-detection`, `override for user li.wei on transactions`. */
  readonly entry: string;
  /** Last day it holds (UTC). */
  readonly expires: string;
  readonly approvedBy?: string;
  /** Who answers for renewing or removing it: the purpose's approver, or the product's owner. */
  readonly approver: string;
  readonly status: ExpiryStatus;
  /** Spec path, e.g. `purposes[0].members.users[1]`. */
  readonly path: string;
  readonly location?: SourceLocation;
}

/** What expires, as of the mesh's day and within a number of days after it. */
export interface ExpiryReport {
  readonly mesh: string;
  /** The day expiry is evaluated against (`YYYY-MM-DD`, UTC). */
  readonly asOf: string;
  readonly withinDays: number;
  /** Last day of the window: entries whose last day is on or before it are `expiring`. */
  readonly until: string;
  /** Entries already expired (dropped from synthesis, still in the files), then those expiring in the window, by day. */
  readonly entries: readonly DatedEntry[];
}

/**
 * Every entry with an expiry that has passed or falls within `withinDays` of `mesh.asOf`, sorted
 * by day, approver, holder and entry. An entry holds through its expiry day: on `asOf` equal to
 * `expires` it is `expiring` (its last day), from the next day `expired`.
 */
export function expiryReport(mesh: Mesh, withinDays: number): ExpiryReport {
  const until = addDays(mesh.asOf, withinDays);
  const entries: DatedEntry[] = [];
  const add = (holder: string, entry: string, approval: Approval, approver: string, specPath: SpecPath) => {
    const expires = approval.expires;
    if (expires === undefined || expires > until) return;
    entries.push({
      holder,
      entry,
      expires,
      ...(approval.approvedBy !== undefined ? { approvedBy: approval.approvedBy } : {}),
      approver,
      status: expires < mesh.asOf ? 'expired' : 'expiring',
      path: formatPath(specPath),
      ...(mesh.locate(specPath) !== undefined ? { location: mesh.locate(specPath) } : {}),
    });
  };
  const members = (holder: string, list: readonly MemberEntry[], approver: string) => {
    for (const m of list)
      add(holder, `${m.kind === 'attributes' ? 'attribute rule' : m.kind} ${m.member}`, m.approval, approver, m.specPath);
  };
  for (const purpose of mesh.purposes) {
    members(`purpose ${purpose.name}`, [...purpose.members.expired, ...purpose.members.entries], purpose.approver);
  }
  for (const p of mesh.products) {
    for (const role of PRODUCT_ROLES) {
      const m = p.roles[role].members;
      members(`product ${p.id} ${role}`, [...m.expired, ...m.entries], p.owner);
    }
    for (const g of [...p.expired.grants, ...p.grants]) {
      const to = g.grantee.kind === 'role' ? g.grantee.role : `consumer ${g.grantee.product}`;
      add(`product ${p.id}`, `grant to ${to} on port ${g.port}`, g.approval, p.owner, g.specPath);
    }
    for (const b of [...p.expired.purposes, ...p.purposes]) {
      add(`product ${p.id}`, `binding to purpose ${b.purpose}`, b.approval, p.owner, b.specPath);
    }
    for (const o of [...p.expired.overrides, ...p.overrides]) {
      add(`product ${p.id}`, `override for user ${o.user} on ${o.ports.join(', ')}`, o.approval, p.owner, o.specPath);
    }
  }
  const key = (e: DatedEntry) => [e.expires, e.approver, e.holder, e.entry, e.path];
  entries.sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  });
  return { mesh: mesh.name, asOf: mesh.asOf, withinDays, until, entries };
}

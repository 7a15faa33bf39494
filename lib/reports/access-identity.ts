import { AccessPrincipal, EffectiveAccess } from '../readback/effective-access';

/**
 * Names that stay the same across environments, so that dev and prod access can be matched:
 * product and purpose roles by their tags, other roles and databases by their names without the
 * environment's prefix (docs/aws-mapping.md: roles `<prefix>-...`, databases `<prefix>_...`).
 */
export interface PortableNames {
  /**
   * How people read the principal: `payments.transactions/analyst`, `purpose:fraud-detection`,
   * `override:<product>/<user>`, `policy:<names joined by +>[<segment>]`, followed for a principal
   * that guards or segments a way in by ` for <product>/<role>` or ` for purpose:<name>` (its
   * `Guards` tag), or `role:<name without prefix>`.
   */
  principal(p: AccessPrincipal): string;
  /**
   * What tells principals apart across environments: their name, and for a principal of global
   * policies also its id, which its role name ends with. Within one environment a principal is its
   * role ARN. Two principals of global policies may carry the same tags (a `tagMatchesAttribute`
   * subscription on tables of different tags, a row policy's excepted groups): only the id, which
   * hashes what the principal stands for independently of the environment, tells them apart.
   */
  principalKey(p: AccessPrincipal): string;
  /** `<database without prefix>.<table>`, e.g. `payments_transactions.transactions`. */
  table(a: EffectiveAccess): string;
}

/** Glue database names keep `[a-z0-9_]` only (docs/aws-mapping.md). */
const databaseText = (s: string) => s.toLowerCase().replace(/[^a-z0-9_]/g, '_');

/**
 * Portable names for the access of one environment. The prefix is not in the JSON; it is read
 * off the product databases, named `<prefix>_<domain>_<product>`.
 */
export function portableNames(access: readonly EffectiveAccess[]): PortableNames {
  const prefixes = new Set<string>();
  for (const a of access) {
    const suffix = a.product === undefined ? undefined : `_${databaseText(a.product)}`;
    if (suffix !== undefined && a.database.endsWith(suffix) && a.database.length > suffix.length)
      prefixes.add(a.database.slice(0, -suffix.length));
  }
  // Longest first, so that `acme_dev_eu` wins over `acme_dev` when both occur.
  const known = [...prefixes].sort((a, b) => b.length - a.length);
  const strip = (name: string, separator: string) => {
    const prefix = known.find((p) => name.length > p.length && name[p.length] === separator && databaseText(name.slice(0, p.length)) === p);
    return prefix === undefined ? name : name.slice(prefix.length + 1);
  };
  const principal = (p: AccessPrincipal) => {
    if (p.kind === 'product-role') return `${p.product}/${p.role}`;
    if (p.kind === 'purpose') return `purpose:${p.purpose}`;
    if (p.kind === 'override' && p.override !== undefined) return `override:${p.override.product}/${p.override.user}`;
    if (p.kind === 'policy')
      return `policy:${(p.policies ?? []).join('+')}${p.segment !== undefined ? `[${p.segment}]` : ''}${p.guards !== undefined ? ` for ${p.guards}` : ''}`;
    return `role:${strip(p.roleName, '-')}`;
  };
  return {
    principal,
    principalKey: (p) => {
      if (p.kind !== 'policy') return principal(p);
      // A role name not of meshgrant's form (prefixes of 20 characters at most never get it cut)
      // holds no id: its name without prefix stands in, unmatched across environments when no
      // prefix is known, so that its access reads as added, never as someone else's.
      const id = POLICY_ROLE_ID.exec(p.roleName)?.[1] ?? strip(p.roleName, '-');
      return `${principal(p)}\u0000${id}`;
    },
    table: (a) => `${strip(a.database, '_')}.${a.table}`,
  };
}

/** The id a principal of global policies' role name ends with: `<prefix>-policy-<hash>` (docs/aws-mapping.md). */
const POLICY_ROLE_ID = /-(policy-[0-9a-f]{10})$/;

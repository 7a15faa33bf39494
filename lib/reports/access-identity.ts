import { AccessPrincipal, EffectiveAccess } from '../readback/effective-access';

/**
 * Names that stay the same across environments, so that dev and prod access can be matched:
 * product and purpose roles by their tags, other roles and databases by their names without the
 * environment's prefix (docs/aws-mapping.md: roles `<prefix>-...`, databases `<prefix>_...`).
 */
export interface PortableNames {
  /**
   * `payments.transactions/analyst`, `purpose:fraud-detection`, `override:<product>/<user>`, `policy:<names joined by +>[<segment>]`
   * or `role:<name without prefix>`.
   */
  principal(p: AccessPrincipal): string;
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
  return {
    principal: (p) => {
      if (p.kind === 'product-role') return `${p.product}/${p.role}`;
      if (p.kind === 'purpose') return `purpose:${p.purpose}`;
      if (p.kind === 'override' && p.override !== undefined) return `override:${p.override.product}/${p.override.user}`;
      if (p.kind === 'policy') return `policy:${(p.policies ?? []).join('+')}${p.segment !== undefined ? `[${p.segment}]` : ''}`;
      return `role:${strip(p.roleName, '-')}`;
    },
    table: (a) => `${strip(a.database, '_')}.${a.table}`,
  };
}

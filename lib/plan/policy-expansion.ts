import type { AccessEntry } from './access-entry';

/** What one global policy expands to on one table in one environment. */
export interface PolicyExpansion {
  readonly policy: string;
  /** `<product>/<port>`. */
  readonly table: string;
  /** Distinct principals whose condition the policy shaped. */
  readonly principals: number;
  /** Of their grants, those through a row filter (a data cells filter each on AWS). */
  readonly filters: number;
  /** Their grants on the table. */
  readonly grants: number;
}

/** The expansion of each global policy, per table, from one environment's plan; sorted by policy then table. */
export function policyExpansion(plan: readonly AccessEntry[]): PolicyExpansion[] {
  const byKey = new Map<string, { policy: string; table: string; principals: Set<string>; filters: number; grants: number }>();
  for (const e of plan) {
    if (e.holder.kind !== 'policy') continue;
    const principal = e.holder.principal;
    for (const policy of principal.policies) {
      const table = `${e.product}/${e.port}`;
      const key = `${policy}\u0000${table}`;
      const row = byKey.get(key) ?? { policy, table, principals: new Set<string>(), filters: 0, grants: 0 };
      row.principals.add(principal.id);
      row.grants++;
      if (e.rows !== undefined) row.filters++;
      byKey.set(key, row);
    }
  }
  return [...byKey.keys()].sort().map((k) => {
    const { policy, table, principals, filters, grants } = byKey.get(k)!;
    return { policy, table, principals: principals.size, filters, grants };
  });
}

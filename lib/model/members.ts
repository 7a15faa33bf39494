/**
 * An attribute rule (ABAC): a person matches when every key matches; a key matches one value
 * or any of a list of values. `{ department: finance, country: [US, FR] }` reads
 * "department is finance AND country is US or FR".
 */
export type AttributeRule = Readonly<Record<string, string | readonly string[]>>;

/** Who is in a role or admitted to a purpose. */
export interface MembersSpec {
  /** Users by directory user name. */
  readonly users?: readonly string[];
  /** Directory groups by name; each environment maps them to AWS principals. */
  readonly groups?: readonly string[];
  /** Attribute rules; a person matching any one rule is a member. */
  readonly attributes?: readonly AttributeRule[];
}

/** Members with every list present and sorted, so that output is deterministic. */
export interface Members {
  readonly users: readonly string[];
  readonly groups: readonly string[];
  readonly attributes: readonly AttributeRule[];
}

/** Normalizes a members spec: lists present, sorted, duplicates removed. */
export function normalizeMembers(spec: MembersSpec | undefined): Members {
  const uniqueSorted = (xs: readonly string[] | undefined) => [...new Set(xs ?? [])].sort();
  return {
    users: uniqueSorted(spec?.users),
    groups: uniqueSorted(spec?.groups),
    attributes: (spec?.attributes ?? []).map((rule) => {
      const out: Record<string, string | readonly string[]> = {};
      for (const k of Object.keys(rule).sort()) {
        const v = rule[k];
        out[k] = typeof v === 'string' ? v : uniqueSorted(v);
      }
      return out;
    }),
  };
}

/** True when nobody is a member. */
export function isEmpty(m: Members): boolean {
  return m.users.length === 0 && m.groups.length === 0 && m.attributes.length === 0;
}

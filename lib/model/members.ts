import { SpecPath } from './problems';
import { SESSION_TAG_VALUE } from '../aws/session-tags';
import { shown } from './literal-text';
import { SpecCheck } from './spec-check';

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

/** The identity mapping of each environment, by environment name. */
export type IdentityMappings = ReadonlyMap<string, { readonly identity?: IdentityMappingSpec }>;

/** How directory identities become principals in one environment. */
export interface IdentityMappingSpec {
  /** Directory group name -> principal (on AWS an IAM ARN, e.g. the role of an IAM Identity Center permission set). */
  readonly groups?: Readonly<Record<string, string>>;
  /** Directory user name -> principal. */
  readonly users?: Readonly<Record<string, string>>;
  /**
   * Roles whose sessions carry the directory attributes (as session tags) used by attribute
   * rules: IAM Identity Center permission-set roles or SAML-federated roles. Trust policies admit
   * their sessions on `aws:PrincipalTag/<attribute>` conditions. Never the account root or an
   * IAM user: any principal of the account, or whoever may tag the user, could then qualify.
   * @default - none; attribute rules need at least one in every environment they reach
   */
  readonly attributeSessionPrincipals?: readonly string[];
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

/** Checks names and attribute rules: no wildcard, no empty rule (it would admit everyone). */
export function checkMembers(check: SpecCheck, m: MembersSpec | undefined, path: SpecPath, owner: string): void {
  for (const kind of ['users', 'groups'] as const) {
    (m?.[kind] ?? []).forEach((name, i) => {
      if (!name || name.includes('*'))
        check.add([...path, kind, i], `${owner}: ${kind.slice(0, -1)} \`${name}\` is not a name; wildcards are not allowed`);
    });
  }
  (m?.attributes ?? []).forEach((rule: AttributeRule, i) => {
    const keys = Object.keys(rule);
    if (keys.length === 0)
      check.add([...path, 'attributes', i], `${owner}: an attribute rule needs at least one attribute, or it would admit everyone`);
    for (const k of keys) {
      if (!/^[A-Za-z0-9_.:/=+@-]{1,128}$/.test(k))
        check.add([...path, 'attributes', i, k], `${owner}: attribute \`${k}\` is not a valid session tag key`);
      const values = rule[k];
      const list = typeof values === 'string' ? [values] : values;
      if (list.length === 0) check.add([...path, 'attributes', i, k], `${owner}: attribute \`${k}\` lists no value`);
      list.forEach((v, j) => {
        if (v.includes('*')) check.add([...path, 'attributes', i, k], `${owner}: attribute \`${k}\` value \`${v}\` contains a wildcard`);
        else if (!SESSION_TAG_VALUE.test(v)) {
          check.add(
            [...path, 'attributes', i, k, ...(typeof values === 'string' ? [] : [j])],
            `${owner}: attribute \`${k}\` value \`${shown(v)}\` can never be a session tag value (letters, digits, spaces and _ . : / = + - @, at most 256 characters), so no session would match it`,
          );
        }
      });
    }
  });
}

/** Checks that every named member has a principal in each of `envNames`. */
export function checkMemberMapping(
  check: SpecCheck,
  m: MembersSpec | undefined,
  path: SpecPath,
  who: string,
  envNames: readonly string[],
  environments: IdentityMappings,
): void {
  for (const envName of envNames) {
    const env = environments.get(envName);
    if (!env) continue;
    if ((m?.attributes ?? []).length > 0 && (env.identity?.attributeSessionPrincipals ?? []).length === 0) {
      check.add(
        [...path, 'attributes'],
        `${who}: attribute rules need identity.attributeSessionPrincipals in environment ${envName}, the roles whose sessions carry directory attributes`,
        'meshgrant never trusts the whole account on session tags',
      );
    }
    for (const kind of ['groups', 'users'] as const) {
      const mapped = env.identity?.[kind] ?? {};
      (m?.[kind] ?? []).forEach((name, i) => {
        // Own keys only: `constructor` or `toString` are not mapped because every object inherits them.
        if (!Object.hasOwn(mapped, name)) {
          check.add(
            [...path, kind, i],
            `${who}: ${kind.slice(0, -1)} \`${name}\` has no principal in environment ${envName}`,
            `map it under environments[${envName}].identity.${kind}`,
          );
        }
      });
    }
  }
}

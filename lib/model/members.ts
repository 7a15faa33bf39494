import { SpecPath } from './problems';
import { SESSION_TAG_VALUE } from '../aws/session-tags';
import { shown } from './literal-text';
import { SpecCheck } from './spec-check';
import { Approval, ApprovalSpec, checkApproval, isExpired, toApproval } from './approval';

/**
 * An attribute rule (ABAC): a person matches when every key matches; a key matches one value
 * or any of a list of values. `{ department: finance, country: [US, FR] }` reads
 * "department is finance AND country is US or FR".
 */
export type AttributeRule = Readonly<Record<string, string | readonly string[]>>;

/** A user or group with its approval recorded: `{ name: li.wei, approvedBy: maria.lopez, approvedOn: 2026-11-02, ticket: SEC-1234, expires: 2027-03-31 }`. */
export interface NamedMemberSpec extends ApprovalSpec {
  /** Directory user or group name. */
  readonly name: string;
}

/** An attribute rule with its approval recorded: `{ rule: { department: finance }, approvedBy: ..., ... }`. */
export interface RuleMemberSpec extends ApprovalSpec {
  readonly rule: AttributeRule;
}

/** A user or group: its name, or its name with an approval record. */
export type NamedEntrySpec = string | NamedMemberSpec;
/** An attribute rule: the rule itself, or the rule with an approval record. */
export type RuleEntrySpec = AttributeRule | RuleMemberSpec;

/** Who is in a role or admitted to a purpose. */
export interface MembersSpec {
  /** Users by directory user name. */
  readonly users?: readonly NamedEntrySpec[];
  /** Directory groups by name; each environment maps them to AWS principals. */
  readonly groups?: readonly NamedEntrySpec[];
  /** Attribute rules; a person matching any one rule is a member. */
  readonly attributes?: readonly RuleEntrySpec[];
}

/** One declared member with its approval record (possibly empty), where it was declared. */
export interface MemberEntry {
  readonly kind: 'user' | 'group' | 'attributes';
  /** The user or group name; for an attribute rule, the rule as text (`department=finance, country=US|FR`). */
  readonly member: string;
  readonly approval: Approval;
  /** Where the entry is in the spec (`[..., 'members', 'users', 0]`). */
  readonly specPath: SpecPath;
}

/** Members with every list present and sorted, so that output is deterministic. */
export interface Members {
  /** Users in force (not expired). */
  readonly users: readonly string[];
  /** Groups in force. */
  readonly groups: readonly string[];
  /** Attribute rules in force. */
  readonly attributes: readonly AttributeRule[];
  /** Every entry in force, in declaration order (users, groups, attribute rules), with its approval record. */
  readonly entries: readonly MemberEntry[];
  /** Entries whose expiry day lies before the day the mesh was built for: dropped from synthesis, reported. */
  readonly expired: readonly MemberEntry[];
}

/** True for an attribute rule that carries an approval record. */
export function isRuleMember(e: RuleEntrySpec): e is RuleMemberSpec {
  const rule = (e as { rule?: unknown }).rule;
  return typeof rule === 'object' && rule !== null && !Array.isArray(rule);
}

/** The name of a user or group entry. */
export function entryName(e: NamedEntrySpec): string {
  return typeof e === 'string' ? e : e.name;
}

/** The attribute rule of an entry. */
export function entryRule(e: RuleEntrySpec): AttributeRule {
  return isRuleMember(e) ? e.rule : (e as AttributeRule);
}

/** An attribute rule as one line: `country=FR|US, department=finance` (keys and values sorted). */
export function describeRule(rule: AttributeRule): string {
  return Object.keys(rule)
    .sort()
    .map((k) => {
      const v = rule[k];
      return `${k}=${typeof v === 'string' ? v : [...v].sort().join('|')}`;
    })
    .join(', ');
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

/**
 * Normalizes a members spec as of a day: entries whose expiry lies before `asOf` are set apart
 * (`expired`); the others fill the lists, present, sorted, duplicates removed.
 * @param path where the members are in the spec, to locate each entry
 * @param asOf `YYYY-MM-DD` (UTC); undefined keeps every entry in force
 */
export function normalizeMembers(spec: MembersSpec | undefined, path: SpecPath = [], asOf?: string): Members {
  const uniqueSorted = (xs: readonly string[] | undefined) => [...new Set(xs ?? [])].sort();
  const entries: MemberEntry[] = [];
  const expired: MemberEntry[] = [];
  const add = (entry: MemberEntry) => (asOf !== undefined && isExpired(entry.approval, asOf) ? expired : entries).push(entry);
  for (const [kind, list] of [
    ['user', spec?.users],
    ['group', spec?.groups],
  ] as const) {
    (list ?? []).forEach((e, i) =>
      add({ kind, member: entryName(e), approval: typeof e === 'string' ? {} : toApproval(e), specPath: [...path, `${kind}s`, i] }),
    );
  }
  const rules: AttributeRule[] = [];
  (spec?.attributes ?? []).forEach((e, i) => {
    const rule = entryRule(e);
    const entry: MemberEntry = {
      kind: 'attributes',
      member: describeRule(rule),
      approval: isRuleMember(e) ? toApproval(e) : {},
      specPath: [...path, 'attributes', i],
    };
    add(entry);
    if (entries.includes(entry)) rules.push(rule);
  });
  const live = (kind: MemberEntry['kind']) => entries.filter((e) => e.kind === kind).map((e) => e.member);
  return {
    users: uniqueSorted(live('user')),
    groups: uniqueSorted(live('group')),
    attributes: rules.map((rule) => {
      const out: Record<string, string | readonly string[]> = {};
      for (const k of Object.keys(rule).sort()) {
        const v = rule[k];
        out[k] = typeof v === 'string' ? v : uniqueSorted(v);
      }
      return out;
    }),
    entries,
    expired,
  };
}

/** True when nobody is a member. */
export function isEmpty(m: Members): boolean {
  return m.users.length === 0 && m.groups.length === 0 && m.attributes.length === 0;
}

/** Checks names and attribute rules: no wildcard, no empty rule (it would admit everyone). */
export function checkMembers(check: SpecCheck, m: MembersSpec | undefined, path: SpecPath, owner: string): void {
  for (const kind of ['users', 'groups'] as const) {
    (m?.[kind] ?? []).forEach((e, i) => {
      const name = entryName(e);
      if (!name || name.includes('*'))
        check.add(namePath(e, [...path, kind, i]), `${owner}: ${kind.slice(0, -1)} \`${name}\` is not a name; wildcards are not allowed`);
      if (typeof e !== 'string') checkApproval(check, e, [...path, kind, i], `${owner}: ${kind.slice(0, -1)} ${name}`);
    });
  }
  (m?.attributes ?? []).forEach((e, i) => {
    const rule = entryRule(e);
    const at: SpecPath = isRuleMember(e) ? [...path, 'attributes', i, 'rule'] : [...path, 'attributes', i];
    if (isRuleMember(e)) checkApproval(check, e, [...path, 'attributes', i], `${owner}: attribute rule ${describeRule(rule)}`);
    const keys = Object.keys(rule);
    if (keys.length === 0) check.add(at, `${owner}: an attribute rule needs at least one attribute, or it would admit everyone`);
    for (const k of keys) {
      if (!/^[A-Za-z0-9_.:/=+@-]{1,128}$/.test(k)) check.add([...at, k], `${owner}: attribute \`${k}\` is not a valid session tag key`);
      const values = rule[k];
      const list = typeof values === 'string' ? [values] : values;
      if (list.length === 0) check.add([...at, k], `${owner}: attribute \`${k}\` lists no value`);
      list.forEach((v, j) => {
        if (v.includes('*')) check.add([...at, k], `${owner}: attribute \`${k}\` value \`${v}\` contains a wildcard`);
        else if (!SESSION_TAG_VALUE.test(v)) {
          check.add(
            [...at, k, ...(typeof values === 'string' ? [] : [j])],
            `${owner}: attribute \`${k}\` value \`${shown(v)}\` can never be a session tag value (letters, digits, spaces and _ . : / = + - @, at most 256 characters), so no session would match it`,
          );
        }
      });
    }
  });
}

/**
 * Checks that every named member has a principal in each of `envNames`. Entries expired as of
 * `asOf` are never deployed and need none.
 */
export function checkMemberMapping(
  check: SpecCheck,
  m: MembersSpec | undefined,
  path: SpecPath,
  who: string,
  envNames: readonly string[],
  environments: IdentityMappings,
  asOf?: string,
): void {
  const lapsed = (a: ApprovalSpec) => asOf !== undefined && isExpired(a, asOf);
  // As normalizeMembers reads entries: a plain rule's keys are attributes, never an expiry.
  const ruleInForce = (e: RuleEntrySpec) => !isRuleMember(e) || !lapsed(e);
  const inForce = (e: NamedEntrySpec) => typeof e === 'string' || !lapsed(e);
  for (const envName of envNames) {
    const env = environments.get(envName);
    if (!env) continue;
    if ((m?.attributes ?? []).some(ruleInForce) && (env.identity?.attributeSessionPrincipals ?? []).length === 0) {
      check.add(
        [...path, 'attributes'],
        `${who}: attribute rules need identity.attributeSessionPrincipals in environment ${envName}, the roles whose sessions carry directory attributes`,
        'meshgrant never trusts the whole account on session tags',
      );
    }
    for (const kind of ['groups', 'users'] as const) {
      const mapped = env.identity?.[kind] ?? {};
      (m?.[kind] ?? []).forEach((e, i) => {
        const name = entryName(e);
        if (!inForce(e)) return;
        // Own keys only: `constructor` or `toString` are not mapped because every object inherits them.
        if (!Object.hasOwn(mapped, name)) {
          check.add(
            namePath(e, [...path, kind, i]),
            `${who}: ${kind.slice(0, -1)} \`${name}\` has no principal in environment ${envName}`,
            `map it under environments[${envName}].identity.${kind}`,
          );
        }
      });
    }
  }
}

/** Where a user's or group's name is: the entry itself, or its `name` field. */
function namePath(e: NamedEntrySpec, at: SpecPath): SpecPath {
  return typeof e === 'string' ? at : [...at, 'name'];
}

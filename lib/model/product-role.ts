import type { Classification } from './classification';
import { IdentityMappings, Members, MembersSpec, checkMemberMapping, checkMembers, normalizeMembers } from './members';
import { SpecPath } from './problems';
import { SpecCheck } from './spec-check';
import { suggest } from './suggest';

/** The three roles every data product has in every environment it is promoted to. */
export const PRODUCT_ROLES = ['analyst', 'engineer', 'owner'] as const;
export type ProductRoleName = (typeof PRODUCT_ROLES)[number];

/** Access levels of a grant. */
export const ACCESS_LEVELS = ['read', 'write', 'admin'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** The highest level each role may be granted: Analysts read, Engineers write, Owners administer. */
export const MAX_LEVEL: Readonly<Record<ProductRoleName, AccessLevel>> = {
  analyst: 'read',
  engineer: 'write',
  owner: 'admin',
};

/** Levels whose permissions are also granted with the grant option (Owners may grant). */
export const GRANTABLE_LEVELS: readonly AccessLevel[] = ['admin'];

/** True when `level` is at or below `max`. */
export function levelWithin(level: AccessLevel, max: AccessLevel): boolean {
  return ACCESS_LEVELS.indexOf(level) <= ACCESS_LEVELS.indexOf(max);
}

/** Members of one product role, and for Analysts the most sensitive level they may read. */
export interface ProductRoleSpec {
  readonly members?: MembersSpec;
  /**
   * Analysts only: the most sensitive level they may read; more sensitive columns stay hidden.
   * Engineers and Owners build and run the product and see all of it.
   * @default - the classification's default level
   */
  readonly clearance?: string;
}

/** A validated product role. */
export interface ProductRole {
  readonly name: ProductRoleName;
  readonly members: Members;
  /** Most sensitive level readable through this role. */
  readonly clearance: string;
}

/** Checks a product's roles: known names, members mapped wherever the product goes, clearances. */
export function checkRoles(
  check: SpecCheck,
  roles: Partial<Readonly<Record<ProductRoleName, ProductRoleSpec>>> | undefined,
  path: SpecPath,
  who: string,
  promotedTo: readonly string[],
  environments: IdentityMappings,
  classification: Classification | undefined,
  asOf?: string,
): void {
  for (const role of Object.keys(roles ?? {})) {
    const r = roles![role as ProductRoleName]!;
    const rp: SpecPath = [...path, 'roles', role];
    if (!(PRODUCT_ROLES as readonly string[]).includes(role)) {
      check.add(rp, `${who}: unknown role \`${role}\``, suggest(role, PRODUCT_ROLES));
      continue;
    }
    checkMembers(check, r.members, [...rp, 'members'], `${who} ${role}`);
    checkMemberMapping(check, r.members, [...rp, 'members'], `${who} ${role}`, promotedTo, environments, asOf);
    if (r.clearance !== undefined) {
      if (role !== 'analyst') check.add([...rp, 'clearance'], `${who}: only analysts have a clearance; ${role}s see the whole product`);
      else if (classification && !classification.levels.includes(r.clearance)) {
        check.add([...rp, 'clearance'], `${who}: unknown level \`${r.clearance}\``, suggest(r.clearance, classification.levels));
      }
    }
  }
}

/**
 * The level up to which a role reads: an Analyst its declared clearance (default: the
 * classification's default level), Engineers and Owners the whole product.
 */
export function roleClearance(role: ProductRoleName, analystClearance: string | undefined, c: Classification): string {
  return role === 'analyst' ? (analystClearance ?? c.defaultLevel) : c.topLevel;
}

/**
 * The three validated roles of a checked product; a role left out exists, empty.
 * @param path the product's spec path
 * @param asOf the day expiry is evaluated against (`YYYY-MM-DD`, UTC); undefined keeps every member
 */
export function toProductRoles(
  roles: Partial<Readonly<Record<ProductRoleName, ProductRoleSpec>>> | undefined,
  c: Classification,
  path: SpecPath = [],
  asOf?: string,
): Record<ProductRoleName, ProductRole> {
  return Object.fromEntries(
    PRODUCT_ROLES.map((role): [ProductRoleName, ProductRole] => {
      const r = roles?.[role];
      const members: Members = normalizeMembers(r?.members, [...path, 'roles', role, 'members'], asOf);
      return [role, { name: role, members, clearance: roleClearance(role, r?.clearance, c) }];
    }),
  ) as Record<ProductRoleName, ProductRole>;
}

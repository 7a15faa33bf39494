import { Members, MembersSpec } from './members';

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

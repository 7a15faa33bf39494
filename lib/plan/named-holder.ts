import type { ProductRoleName } from '../model/product-role';

/**
 * The holders a spec declares by name: a product role, or the role of a purpose. Its own file so
 * that a policy principal (which may guard one of them) and the access entry (which may hold a
 * policy principal) need not import each other.
 */
export type NamedHolder =
  | { readonly kind: 'role'; readonly product: string; readonly role: ProductRoleName }
  | { readonly kind: 'purpose'; readonly purpose: string }
  /** The role of one person's manual override on one product: trusted by that person's principal only. */
  | { readonly kind: 'override'; readonly product: string; readonly user: string };

/**
 * A way in that global policies narrow (a policy principal guards or segments it): a product role
 * or a purpose. Never an override, the owner's approved exception, which policies do not narrow.
 */
export type GuardedHolder = Exclude<NamedHolder, { readonly kind: 'override' }>;

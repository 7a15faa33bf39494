import { AccessLevel } from '../model/product-role';

/**
 * Lake Formation permissions per access level. Explicit lists, never `ALL`: Lake Formation expands
 * `ALL` and the Terraform provider then shows a perpetual diff. Sorted, as the provider stores them.
 */
export const TABLE_PERMISSIONS: Readonly<Record<AccessLevel, readonly string[]>> = {
  read: ['DESCRIBE', 'SELECT'],
  write: ['ALTER', 'DELETE', 'DESCRIBE', 'INSERT', 'SELECT'],
  admin: ['ALTER', 'DELETE', 'DESCRIBE', 'DROP', 'INSERT', 'SELECT'],
};

/** Database permissions that go with each level of table access. */
export const DATABASE_PERMISSIONS: Readonly<Record<AccessLevel, readonly string[]>> = {
  read: ['DESCRIBE'],
  write: ['CREATE_TABLE', 'DESCRIBE'],
  admin: ['ALTER', 'CREATE_TABLE', 'DESCRIBE', 'DROP'],
};

/** Permissions a data cells filter (row or column subset) can carry: read only. */
export const FILTER_PERMISSIONS: readonly string[] = ['DESCRIBE', 'SELECT'];

/**
 * Permissions of a grant on named columns (`table_with_columns`): Lake Formation takes SELECT only
 * there, and SELECT on columns lets the principal see the table with those columns.
 */
export const COLUMN_PERMISSIONS: readonly string[] = ['SELECT'];

/** Permission on a product's registered S3 location: Engineers and Owners write through it. */
export const DATA_LOCATION_PERMISSIONS: readonly string[] = ['DATA_LOCATION_ACCESS'];

/** Permissions on the `default` database, which Athena needs to describe for every query. */
export const DEFAULT_DATABASE_PERMISSIONS: readonly string[] = ['DESCRIBE'];

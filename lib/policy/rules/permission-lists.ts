import type { AccessLevel } from '../../model/product-role';
import type { PermissionTables } from '../rule';

/** One permission list of `lib/aws/permissions.ts`, named as in that file. */
export interface PermissionList {
  /** e.g. `TABLE_PERMISSIONS.read`. */
  readonly name: string;
  readonly resource: 'table' | 'database' | 'data cells filter' | 'table with columns';
  /** Access level the list serves; undefined for filters and columns, which are read-only by nature. */
  readonly level?: AccessLevel;
  readonly permissions: readonly string[];
}

/** Every list the constructs grant from, for the rules that check the lists themselves. */
export function permissionLists(t: PermissionTables): PermissionList[] {
  const perLevel = (constant: string, resource: PermissionList['resource'], lists: PermissionTables['table']) =>
    (Object.keys(lists) as AccessLevel[]).map((level): PermissionList => ({
      name: `${constant}.${level}`,
      resource,
      level,
      permissions: lists[level],
    }));
  return [
    ...perLevel('TABLE_PERMISSIONS', 'table', t.table),
    ...perLevel('DATABASE_PERMISSIONS', 'database', t.database),
    { name: 'FILTER_PERMISSIONS', resource: 'data cells filter', permissions: t.filter },
    { name: 'COLUMN_PERMISSIONS', resource: 'table with columns', permissions: t.columns },
  ];
}

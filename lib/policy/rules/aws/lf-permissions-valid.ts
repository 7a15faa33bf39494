import type { PolicyRule, Violation } from '../../rule';
import { PermissionList, permissionLists } from '../permission-lists';

/** Permissions Lake Formation accepts per resource type (AWS-MAPPING.md, from the Lake Formation permissions reference). */
const VALID: Readonly<Record<PermissionList['resource'], ReadonlySet<string>>> = {
  database: new Set(['ALL', 'ALTER', 'CREATE_TABLE', 'DESCRIBE', 'DROP']),
  table: new Set(['ALL', 'ALTER', 'DELETE', 'DESCRIBE', 'DROP', 'INSERT', 'SELECT']),
  'data cells filter': new Set(['DESCRIBE', 'DROP', 'SELECT']),
  'table with columns': new Set(['SELECT']),
};

/** Checks the permission lists the constructs grant; fires when someone edits `lib/aws/permissions.ts`. */
export const lfPermissionsValid: PolicyRule = {
  id: 'aws/lf-permissions-valid',
  severity: 'error',
  description: 'Every Lake Formation permission meshgrant grants is valid for the resource type it is granted on.',
  rationale:
    'Lake Formation rejects a permission that does not exist for a resource type (CREATE_TABLE on a table, INSERT on a data cells filter) at apply time, after part of the plan has run; checking the lists in `lib/aws/permissions.ts` keeps the failure at synth time.',
  *check({ permissions }): Iterable<Violation> {
    for (const { name, resource: type, permissions: list } of permissionLists(permissions)) {
      const invalid = list.filter((p) => !VALID[type].has(p));
      if (invalid.length === 0) continue;
      yield {
        path: [],
        message: `${name} in lib/aws/permissions.ts has ${invalid.join(', ')}, not valid on a ${type}`,
        fix: `use only ${[...VALID[type]].filter((p) => p !== 'ALL').join(', ')} on a ${type}`,
      };
    }
  },
};

import type { PolicyRule, Violation } from '../../rule';
import { permissionLists } from '../permission-lists';

const WILDCARDS = new Set(['ALL', '*', 'SUPER']);

/**
 * The model has no way to declare an action; the permission lists the constructs grant are the
 * actions, so this rule checks them (it fires when someone edits `lib/aws/permissions.ts`).
 */
export const noWildcardAction: PolicyRule = {
  id: 'security/no-wildcard-action',
  severity: 'error',
  description: 'The Lake Formation permission lists meshgrant grants (`lib/aws/permissions.ts`) never contain `ALL`, `SUPER` or `*`.',
  rationale:
    '`ALL` grants every current and future permission, including DROP, and Lake Formation expands it on read so the Terraform provider shows a perpetual revoke and re-grant diff. Explicit lists keep grants least-privilege and plans quiet.',
  *check({ permissions }): Iterable<Violation> {
    for (const { name, permissions: list } of permissionLists(permissions)) {
      const wild = list.filter((p) => WILDCARDS.has(p));
      if (wild.length === 0) continue;
      yield {
        path: [],
        message: `${name} in lib/aws/permissions.ts contains ${wild.join(', ')}`,
        fix: 'list the permissions explicitly (see the table in AWS-MAPPING.md), e.g. [DESCRIBE, SELECT] for reads',
      };
    }
  },
};

import type { PolicyRule, Violation } from '../../rule';
import { viaName } from '../../../plan/access-entry';
import { permissionLists } from '../permission-lists';

/** Permissions that read or look; anything else changes data or metadata. */
const READ_ONLY = new Set(['DESCRIBE', 'SELECT']);

/**
 * Analyst write grants are rejected by the model; what can still go wrong is the meaning of
 * "read": the permission lists, and the access computed from the model.
 */
export const analystReadOnly: PolicyRule = {
  id: 'security/analyst-read-only',
  severity: 'error',
  description:
    'Analysts, consumers and purposes only read: read permission lists hold only DESCRIBE and SELECT, and no such holder has more than read access.',
  rationale:
    'Analysts and purpose members explore data; a write permission would let them alter the product others rely on. The model rejects `write` grants to Analysts; this rule guards the permission lists behind `read` and the declared access computed from the spec.',
  *check({ access, permissions }): Iterable<Violation> {
    for (const { name, level, permissions: list } of permissionLists(permissions)) {
      if (level !== undefined && level !== 'read') continue;
      const extra = list.filter((p) => !READ_ONLY.has(p));
      if (extra.length === 0) continue;
      yield {
        path: [],
        message: `${name} in lib/aws/permissions.ts grants ${extra.join(', ')} with read access`,
        fix: `remove ${extra.join(', ')}: read access is DESCRIBE and SELECT only`,
      };
    }
    for (const a of access) {
      const v = a.via;
      const readOnly = v.kind !== 'role' || v.role === 'analyst' || v.product !== a.product;
      if (!readOnly || a.level === 'read') continue;
      yield {
        path: a.source.path,
        message: `product ${a.product}: ${viaName(v)} gets ${a.level} access to port ${a.port} in ${a.environment}`,
        fix: 'grant `level: read`; only Engineers and Owners of the product write',
      };
    }
  },
};

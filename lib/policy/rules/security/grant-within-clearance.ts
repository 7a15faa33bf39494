import { grantAllowance } from '../../../plan/access-plan';
import { readableColumns } from '../../../plan/readable-columns';
import type { PolicyRule, Violation } from '../../rule';
import { listNames } from '../list-names';

/** The model drops such columns silently; the grant should say what it really grants. */
export const grantWithinClearance: PolicyRule = {
  id: 'security/grant-within-clearance',
  severity: 'warning',
  description: "A grant lists only columns within the grantee's clearance.",
  rationale:
    "A column classed above a grant's allowance is never readable through it: the model leaves it out. A grant that lists it anyway promises access that will not exist, so the consumer's job fails at run time and reviewers are misled about what is shared.",
  *check({ mesh }): Iterable<Violation> {
    for (const p of mesh.products) {
      for (const g of p.grants) {
        if (g.columns === undefined) continue;
        const allowance = grantAllowance(p, g);
        const port = p.outputPorts.find((o) => o.name === g.port)!;
        const within = new Set(readableColumns(mesh.classification, port, allowance, g.columns));
        const above = g.columns.filter((c) => !within.has(c));
        if (above.length === 0) continue;
        const grantee = g.grantee.kind === 'role' ? `the ${g.grantee.role} role` : `consumer ${g.grantee.product}`;
        const levels = [...new Set(port.columns.filter((c) => above.includes(c.name)).map((c) => c.level))].sort();
        yield {
          path: [...g.specPath, 'columns'],
          message: `product ${p.id}: grant to ${grantee} on port ${g.port} lists ${listNames(above)} (${levels.join(', ')}), above its clearance ${allowance.level}; they are left out`,
          fix: `remove ${listNames(above)} from the grant's columns, or share them through a purpose binding whose purpose allows their classes`,
        };
      }
    }
  },
};

import { purposeAllowance } from '../../../plan/access-plan';
import { readableColumns } from '../../../plan/readable-columns';
import type { PolicyRule, Violation } from '../../rule';
import { listNames } from '../list-names';

/** The model drops such columns silently; the owner should know the binding does not do what it says. */
export const bindingWithinPurpose: PolicyRule = {
  id: 'security/binding-within-purpose',
  severity: 'warning',
  description: 'A purpose binding lists only columns whose classes the purpose allows.',
  rationale:
    "A binding never exposes more than its purpose allows: columns of other classes are left out when access is computed. A binding that lists them anyway is wider than the purpose on paper, misleads reviewers and hides a request the purpose's approver never accepted.",
  *check({ mesh }): Iterable<Violation> {
    for (const p of mesh.products) {
      for (const b of p.purposes) {
        if (b.columns === undefined) continue;
        const purpose = mesh.purpose(b.purpose);
        const ports = p.outputPorts.filter((o) => b.ports.includes(o.name));
        // The model has checked that every listed column is in a bound port.
        const allowed = new Set(ports.flatMap((o) => readableColumns(mesh.classification, o, purposeAllowance(purpose), b.columns)));
        const forbidden = b.columns.filter((c) => !allowed.has(c));
        if (forbidden.length === 0) continue;
        const classes = [...new Set(ports.flatMap((o) => o.columns.filter((c) => forbidden.includes(c.name)).flatMap((c) => c.classes)))]
          .filter((k) => !purpose.allowedClasses.includes(k))
          .sort();
        yield {
          path: [...b.specPath, 'columns'],
          message: `product ${p.id}: binding to purpose ${purpose.name} lists ${listNames(forbidden)} (class ${classes.join(', ')}), which ${purpose.name} does not allow; they are left out`,
          fix: `remove ${listNames(forbidden)} from the binding, or ask ${purpose.approver} (approver of ${purpose.name}) to allow ${classes.join(', ')}`,
        };
      }
    }
  },
};

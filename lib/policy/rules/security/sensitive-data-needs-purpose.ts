import type { Column } from '../../../model/output-port';
import type { PolicyRule, SensitiveData, Violation } from '../../rule';
import type { Classification } from '../../../model/classification';
import { viaName } from '../../../plan/access-entry';
import { listNames } from '../list-names';

function isSensitive(c: Column, sensitive: SensitiveData, classification: Classification): boolean {
  if (c.classes.some((k) => sensitive.classes.includes(k))) return true;
  return sensitive.level !== undefined && classification.rank(c.level) >= classification.rank(sensitive.level);
}

/**
 * Uses the access plan: what each holder can read after clearances and column lists. Purpose
 * access is left out: the model already limits it to the classes the purpose allows.
 */
export const sensitiveDataNeedsPurpose: PolicyRule = {
  id: 'security/sensitive-data-needs-purpose',
  severity: 'error',
  description:
    'Sensitive columns (class `pii` by default, or the classes and level set in `policy.sensitive`) are readable only through a purpose that allows them, never through an Analyst or consumer grant.',
  rationale:
    'Personal data may be processed only for a declared purpose (GDPR art. 5(1)(b)). Purposes have an approver and an explicit list of allowed classes; an Analyst clearance or a consumer grant exposes the data to everyone in a group, for any reason. Engineers and Owners of the product build it and see all of it; an override by the product owner admits one named person with a recorded approval and an expiry.',
  *check({ mesh, access, sensitive }): Iterable<Violation> {
    for (const a of access) {
      const v = a.via;
      // An owner's override is the documented exception: one named person, approved, time-bound.
      if (v.kind === 'purpose' || v.kind === 'override' || (v.kind === 'role' && v.product === a.product && v.role !== 'analyst')) continue;
      const port = mesh.product(a.product).outputPorts.find((p) => p.name === a.port)!;
      const exposed = port.columns.filter((c) => a.columns.includes(c.name) && isSensitive(c, sensitive, mesh.classification));
      if (exposed.length === 0) continue;
      const classes = [...new Set(exposed.flatMap((c) => c.classes))].sort();
      yield {
        path: a.source.path,
        message: `product ${a.product}: ${viaName(v)} can read sensitive column${exposed.length > 1 ? 's' : ''} ${listNames(exposed.map((c) => c.name))} (${classes.join(', ') || exposed[0].level}) of port ${a.port} without a purpose`,
        fix: `leave ${exposed.length > 1 ? 'them' : 'it'} out of the grant (\`columns\`, or a lower analyst clearance) and bind the port to a purpose that allows ${classes.join(', ') || 'them'} instead`,
      };
    }
  },
};

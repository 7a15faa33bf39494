import type { PolicyConfigSpec } from '../model/suppression';
import type { Finding, RuleInfo, Severity } from './rule';

/** The readiness pack: what a product needs before it is ready, as opposed to what keeps data safe. */
const READINESS = 'readiness/';

/** How to relax the readiness rules while a mesh is new; said by every readiness error. */
export const STARTER_HINT = 'while the mesh is new, `policy: { profile: starter }` in mesh.yaml reports readiness rules as warnings';

/**
 * The severity a rule runs at: `policy.severities` first, then the profile (`starter` makes the
 * readiness rules warnings, never the security or AWS ones), then the rule's own.
 */
export function effectiveSeverity(policy: PolicyConfigSpec, rule: RuleInfo): Severity {
  const set = policy.severities?.[rule.id];
  if (set === 'error' || set === 'warning') return set;
  if (policy.profile === 'starter' && rule.id.startsWith(READINESS)) return 'warning';
  return rule.severity;
}

/** The fix of a readiness error names the starter profile, so that a new mesh is not stuck on it. */
export function withProfileHint(finding: Finding): Finding {
  if (finding.severity !== 'error' || !finding.rule.startsWith(READINESS)) return finding;
  return { ...finding, fix: `${finding.fix}; ${STARTER_HINT}` };
}

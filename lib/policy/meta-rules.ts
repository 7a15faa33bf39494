import type { RuleInfo } from './rule';

/**
 * Findings about governance itself, produced by `checkPolicies` rather than by a rule's check:
 * they always run and cannot be suppressed (a suppression must not hide a broken suppression).
 */
export const META_RULES = {
  config: {
    id: 'policy/config',
    severity: 'error',
    description:
      'The policy configuration names only known packs, rules, classes and levels, and organisation rules have unique `<pack>/<name>` ids.',
    rationale:
      'A typo in a pack or rule id would silently switch a check off or leave a severity unchanged; governance settings must mean what they say.',
  },
  ruleFailed: {
    id: 'policy/rule-failed',
    severity: 'error',
    description: 'A rule threw an error instead of returning findings.',
    rationale:
      'A crashing rule must not stop the other checks, nor pass silently: its failure is reported like a finding, so the mesh is not declared compliant with a rule that never ran.',
  },
  suppressionInvalid: {
    id: 'policy/suppression-invalid',
    severity: 'error',
    description: 'Every suppression gives a reason of at least 20 characters and, when it expires, a valid `YYYY-MM-DD` date.',
    rationale:
      'A suppression is an accepted risk; reviewers and auditors need to read why it was accepted, and when it must be looked at again. An invalid suppression does not apply.',
  },
  suppressionExpired: {
    id: 'policy/suppression-expired',
    severity: 'warning',
    description: 'A suppression whose expiry date has passed no longer applies.',
    rationale:
      'Exceptions are granted for a time; after it, the finding comes back and the expired suppression is reported so it can be renewed with a new reason or removed.',
  },
  suppressionUnmatched: {
    id: 'policy/suppression-unmatched',
    severity: 'error',
    description: 'Every suppression matches at least one finding.',
    rationale:
      'A suppression that matches nothing is stale (the problem was fixed) or wrong (a typo in the rule id or target) and would silently hide a future finding; remove or correct it.',
  },
} as const satisfies Record<string, RuleInfo>;

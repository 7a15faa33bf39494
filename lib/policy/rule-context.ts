import type { Mesh } from '../model/mesh';
import { GRANTABLE_LEVELS } from '../model/product-role';
import { accessPlan } from '../plan/access-plan';
import { TARGET } from '../target';
import type { RuleContext, SensitiveData } from './rule';

/** The class treated as sensitive when `policy.sensitive` says nothing. */
export const DEFAULT_SENSITIVE_CLASS = 'pii';

/**
 * Sensitive data as configured in `policy.sensitive`. Unknown classes and levels are left out here
 * (`policy/config` reports them), so rules never see a name the scheme does not know.
 */
export function sensitiveData(mesh: Mesh): SensitiveData {
  const c = mesh.classification;
  const config = mesh.policy.sensitive;
  const classes = config?.classes ?? (c.classNames.includes(DEFAULT_SENSITIVE_CLASS) ? [DEFAULT_SENSITIVE_CLASS] : []);
  const level = config?.level;
  return {
    classes: [...new Set(classes)].filter((k) => c.classNames.includes(k)).sort(),
    level: level !== undefined && c.levels.includes(level) ? level : undefined,
  };
}

/** What every rule sees for `mesh`: its access plan, the permission lists and the sensitive data. */
export function createRuleContext(mesh: Mesh): RuleContext {
  return {
    mesh,
    access: accessPlan(mesh),
    permissions: { ...TARGET.permissions, grantableLevels: GRANTABLE_LEVELS },
    sensitive: sensitiveData(mesh),
  };
}

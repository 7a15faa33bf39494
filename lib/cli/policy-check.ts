import type { Mesh } from '../model/mesh';
import { PolicyReport, checkPolicies, loadRuleModules } from '../policy';
import { CliError } from './cli-command';

/** The `--rules <module...>` option of the commands that check policies. */
export const RULES_OPTION = ['--rules <module...>', 'organisation rules: JavaScript modules exporting PolicyRule objects'] as const;

/** Checks the mesh's governance policies, with the organisation rules named by `--rules`. */
export function checkMeshPolicies(mesh: Mesh, options: Readonly<Record<string, unknown>>): PolicyReport {
  try {
    return checkPolicies(mesh, { rules: loadRuleModules((options.rules as string[] | undefined) ?? []) });
  } catch (e) {
    // Only loading can throw: checkPolicies turns failing rules into findings.
    throw new CliError(e instanceof Error ? e.message : String(e));
  }
}

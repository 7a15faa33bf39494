import type { Mesh } from '../lib/model/mesh';
import { PolicyReport, checkPolicies, loadRuleModules } from '../lib/policy';
import { CliError } from './cli-command';

/** The `--rules <module...>` option of the commands that check policies. */
export const RULES_OPTION = ['--rules <module...>', 'organisation rules: JavaScript modules exporting PolicyRule objects'] as const;

/** Checks the mesh's governance policies, with the organisation rules named by `--rules`. */
export function checkMeshPolicies(mesh: Mesh, options: Readonly<Record<string, unknown>>): PolicyReport {
  let rules;
  try {
    rules = loadRuleModules((options.rules as string[] | undefined) ?? []);
  } catch (e) {
    // A module the user named that does not load is bad input, not a bug of ours.
    throw new CliError(e instanceof Error ? e.message : String(e));
  }
  // Outside the try: anything checkPolicies throws is internal and keeps its stack trace.
  return checkPolicies(mesh, { rules });
}

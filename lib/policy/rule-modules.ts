import { statSync } from 'fs';
import { resolve } from 'path';
import type { PolicyRule } from './rule';

function isRule(x: unknown): x is PolicyRule {
  const r = x as Partial<PolicyRule> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.id === 'string' &&
    typeof r.check === 'function' &&
    (r.severity === 'error' || r.severity === 'warning') &&
    typeof r.description === 'string' &&
    typeof r.rationale === 'string'
  );
}

/**
 * Loads organisation rules from JavaScript modules (e.g. compiled TypeScript): every exported
 * `PolicyRule`, and the rules of every exported array, in export order. Paths are resolved from
 * `cwd`; each must resolve to a regular file. The rules come from the command line, i.e. from the CI configuration that governance
 * owns, never from the mesh directory a pull request can change.
 * @throws Error naming the module when it cannot be loaded or exports no rule
 */
export function loadRuleModules(paths: readonly string[], cwd: string = process.cwd()): PolicyRule[] {
  return paths.flatMap((p) => {
    const file = resolve(cwd, p);
    let exports: Record<string, unknown>;
    try {
      // require reads whatever it resolves to: a FIFO would block it, a device never end.
      const resolved = require.resolve(file);
      if (!statSync(resolved).isFile()) throw new Error('it is not a regular file');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      exports = require(resolved) as Record<string, unknown>;
    } catch (e) {
      throw new Error(`cannot load rules module ${p}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    const rules = [
      ...new Set(
        Object.values(exports)
          .flatMap((v) => (Array.isArray(v) ? v : [v]))
          .filter(isRule),
      ),
    ];
    if (rules.length === 0)
      throw new Error(`rules module ${p} exports no rule (an object with id, severity, description, rationale and check)`);
    return rules;
  });
}

import { formatPath } from '../model/problems';
import type { Finding } from './rule';

/** `file:line:column` of a finding, or its spec path when the mesh was not loaded from files. */
export function findingWhere(f: Finding): string {
  if (f.location) return `${f.location.file}:${f.location.line}:${f.location.column}`;
  return f.path.length > 0 ? formatPath(f.path) : 'mesh';
}

/** One finding on two lines: `where: severity rule: message` then the fix, indented. */
export function formatFinding(f: Finding): string {
  return `${findingWhere(f)}: ${f.severity} ${f.rule}: ${f.message}\n    fix: ${f.fix}`;
}

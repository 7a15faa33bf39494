import { existsSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { Problem } from '../lib/model/problems';
import type { PolicyReport } from '../lib/policy';
import type { Finding, RuleInfo } from '../lib/policy/rule';
import { SPEC_PROBLEM_KINDS } from '../lib/spec/problem-kinds';

/** What each kind of spec problem means, for the rules of a SARIF log (kinds in lib/spec/problem-kinds.ts). */
const KIND_INFO: Readonly<Record<string, Omit<RuleInfo, 'id' | 'severity'>>> = {
  [SPEC_PROBLEM_KINDS.load]: {
    description: 'The directory is a mesh: it exists and holds mesh.yaml.',
    rationale: 'Nothing else can be checked without it.',
  },
  [SPEC_PROBLEM_KINDS.file]: {
    description: 'Every file of the mesh can be read and has its place (mesh.yaml, environments.yaml, purposes.yaml, products/).',
    rationale: 'A file that is skipped or unreadable would change the mesh without anyone noticing.',
  },
  [SPEC_PROBLEM_KINDS.yaml]: {
    description: 'Every file is well-formed YAML (spaces for indentation, no duplicate keys).',
    rationale: 'A file that does not parse cannot be checked further.',
  },
  [SPEC_PROBLEM_KINDS.schema]: {
    description: 'Every field has the type and name the format defines (schema/meshgrant.schema.json).',
    rationale: 'A misspelt or mistyped field would otherwise be ignored or misread.',
  },
  [SPEC_PROBLEM_KINDS.model]: {
    description: 'Names are valid and every reference (domain, port, role, group, purpose, environment) resolves.',
    rationale: 'Access can only be derived from a consistent mesh.',
  },
};

/**
 * Problems that keep a mesh from loading, as a report the policy renderers (SARIF, Markdown)
 * take: each problem an error of the rule of its kind, its hint as the fix.
 * @param subject what the report is about: the mesh directory, since the mesh's name may be unknown
 */
export function problemsAsReport(problems: readonly Problem[], subject: string): PolicyReport {
  const findings: Finding[] = problems.map((p) => ({
    rule: p.rule ?? SPEC_PROBLEM_KINDS.model,
    severity: 'error',
    path: p.path,
    message: p.message,
    fix: p.hint ?? '',
    ...(p.location ? { location: p.location } : {}),
  }));
  const used = new Set(findings.map((f) => f.rule));
  const rules = Object.values(SPEC_PROBLEM_KINDS)
    .filter((id) => used.has(id))
    .map((id): RuleInfo => ({ id, severity: 'error', ...KIND_INFO[id] }));
  return {
    mesh: subject,
    findings,
    suppressed: [],
    suppressions: [],
    rules,
    counts: { errors: findings.length, warnings: 0, suppressed: 0 },
    hasErrors: true,
  };
}

/**
 * The root of the git repository that holds `path` (the nearest folder above with `.git`),
 * which SARIF URIs are relative to for code scanning; the current directory outside a repository.
 */
export function repositoryRoot(path: string): string {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

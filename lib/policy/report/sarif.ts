import { createHash } from 'crypto';
import { relative, resolve, sep } from 'path';
import { formatPath } from '../../model/problems';
import type { PolicyReport } from '../check-policies';
import type { Finding } from '../rule';
import type { SuppressedFinding } from '../suppressions';

/** Options of {@link renderSarif}. */
export interface SarifOptions {
  /**
   * Directory that artifact URIs are relative to (the repository root, for pull-request annotations).
   * @default - locations are written as the loader gave them
   */
  readonly root?: string;
  /**
   * The tool's version, `tool.driver.version`.
   * @default - none
   */
  readonly version?: string;
  /**
   * Absolute URL of the rule documentation (docs/policies.md as published); each rule then links
   * to `<helpUri>#<anchor of its heading>`. SARIF wants absolute help URIs.
   * @default - no help links
   */
  readonly helpUri?: string;
}

/** The anchor GitHub gives the `### <rule id>` heading of docs/policies.md. */
function ruleAnchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 -]/g, '');
}

/**
 * SARIF 2.1.0 for code scanning: one run, the rules that ran as `tool.driver.rules`, every open
 * finding as a result, suppressed findings with an `inSource` suppression and its reason.
 */
export function renderSarif(report: PolicyReport, options: SarifOptions = {}): string {
  const index = new Map(report.rules.map((r, i) => [r.id, i]));
  const uri = (file: string) => {
    const rel = options.root !== undefined ? relative(resolve(options.root), resolve(file)) : file;
    return rel.split(sep).map(encodeURIComponent).join('/');
  };
  // Code scanning matches a result across commits by this; lines move, the rule, file, field and message do not.
  const fingerprint = (f: Finding) =>
    createHash('sha256')
      .update([f.rule, f.location ? uri(f.location.file) : '', formatPath(f.path), f.message].join('\u0000'))
      .digest('hex')
      .slice(0, 32);
  const result = (f: Finding | SuppressedFinding) => ({
    ruleId: f.rule,
    ruleIndex: index.get(f.rule),
    level: f.severity,
    message: { text: f.fix ? `${f.message}. Fix: ${f.fix}` : f.message },
    partialFingerprints: { 'meshgrant/v1': fingerprint(f) },
    locations: [
      {
        ...(f.location
          ? {
              physicalLocation: {
                artifactLocation: { uri: uri(f.location.file) },
                region: { startLine: f.location.line, startColumn: f.location.column },
              },
            }
          : {}),
        logicalLocations: [{ fullyQualifiedName: f.path.length > 0 ? formatPath(f.path) : report.mesh, kind: 'object' }],
      },
    ],
    ...('reason' in f ? { suppressions: [{ kind: 'inSource', justification: f.reason }] } : {}),
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'meshgrant',
            ...(options.version !== undefined ? { version: options.version } : {}),
            rules: report.rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: r.rationale },
              help: { text: `${r.description} ${r.rationale}` },
              ...(options.helpUri ? { helpUri: `${options.helpUri}#${ruleAnchor(r.id)}` } : {}),
              defaultConfiguration: { level: r.severity },
            })),
          },
        },
        results: [...report.findings.map(result), ...report.suppressed.map(result)],
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

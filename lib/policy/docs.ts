import { writeFileSync } from 'fs';
import { META_RULES } from './meta-rules';
import { BUILT_IN_PACKS } from './packs';
import type { RuleInfo } from './rule';
import { SUPPRESSION_REASON_MIN } from './suppressions';

/** Where the generated rule reference is committed, relative to the repository root. */
export const POLICY_DOCS_FILE = 'docs/policies.md';

/**
 * Invariants the model itself rejects when the mesh is built: no rule checks them, since a rule
 * that can never fire is a defect. Rules that guard the code behind an invariant are listed in
 * their pack instead.
 */
export const ENFORCED_BY_MODEL: readonly string[] = [
  'Every product has an accountable owner (`info.owner`) and a title.',
  'Every output port has a schema: at least one column, each with a name and a type; entity tags, classes and levels are known to the classification.',
  'Analysts are never granted `write`, consumer products only `read`, and only Owners `admin` (the level that carries the grant option).',
  'Every purpose has an approver.',
  'No `*` in member names, attribute values or principal ARNs; attribute rules name at least one attribute.',
  'Every member of a role or bound purpose has a principal in every environment the product reaches: a group mapped only in dev cannot reach prod.',
  'Row filters are shorter than 2048 characters and call no function.',
  'A purpose reads only columns whose classes it allows, and a role only columns within its clearance: bindings and grants cannot widen access (the rules `security/binding-within-purpose` and `security/grant-within-clearance` report lists that say otherwise).',
  'IAM role names are fitted to 64 characters with a stable hash (`fitName`); Glue database, table and column names follow lower-case patterns Glue accepts.',
  'Data cells filters: each holder gets at most one filter per table, far below the Lake Formation limits of 10 filters per grant and 100 filter grants per principal and table.',
];

function section(rule: RuleInfo): string[] {
  const optIn = rule.optIn ? ['*Opt-in:* runs only when `policy.severities` sets its severity.', ''] : [];
  return [`### ${rule.id}`, '', `**${rule.severity}**. ${rule.description}`, '', `*Why:* ${rule.rationale}`, '', ...optIn];
}

/** The rule reference, generated from the rule metadata so it is never written twice. */
export function renderPolicyDocs(): string {
  const lines = [
    '# Policy rules',
    '',
    '<!-- Generated from the rule metadata in lib/policy by `npm run docs:policies`; do not edit by hand. -->',
    '',
    '`meshgrant validate` and synthesis run these rules on the mesh; an open `error` fails validation and stops synthesis.',
    'Select packs, change severities (`error`, `warning`, `off`) and mark sensitive data in `mesh.yaml`:',
    '',
    '```yaml',
    'policy:',
    '  packs: [readiness, security, aws]',
    '  severities: { security/separation-of-duties: error }',
    '  sensitive: { classes: [pii], level: restricted }',
    '  suppressions:',
    '    - { rule: aws/lf-tag-quotas, reason: Quota raised to 2000 values (AWS case 1234567890), expires: 2027-01-31 }',
    '```',
    '',
    `A product accepts a finding with \`suppressions: [{ rule, reason, target?, expires? }]\` in its own file: the reason needs at least ${SUPPRESSION_REASON_MIN} characters,`,
    '`target` narrows it to a path inside the product (`grants[2]`, `purposes[0]`), and it stops applying after `expires` (`YYYY-MM-DD`).',
    'Every suppression is reported with what it matched.',
    '',
    'Organisation rules are `PolicyRule` objects (see `lib/policy/rule.ts`), passed to `checkPolicies(mesh, { rules })` or, compiled to JavaScript, to',
    '`meshgrant validate --rules <module>` from the CI configuration. In CI, `meshgrant validate --sarif policy.sarif --markdown policy.md` also writes',
    'the findings for code scanning and for a pull-request comment; plain `cdktf synth` shows them as annotations.',
    '',
  ];
  for (const [pack, rules] of Object.entries(BUILT_IN_PACKS)) {
    lines.push(`## Pack \`${pack}\``, '', ...rules.flatMap(section));
  }
  lines.push(
    '## Governance findings (`policy`)',
    '',
    'Reported by the check itself; they always run and cannot be suppressed.',
    '',
    ...Object.values(META_RULES).flatMap(section),
    '## Enforced by the model',
    '',
    'The model rejects these when the mesh is built (`buildMesh`, `loadMesh`), before any rule runs, so no rule repeats them:',
    '',
    ...ENFORCED_BY_MODEL.map((s) => `- ${s}`),
    '',
  );
  return lines.join('\n');
}

if (require.main === module) {
  writeFileSync(POLICY_DOCS_FILE, renderPolicyDocs());
  console.log(`wrote ${POLICY_DOCS_FILE}`);
}

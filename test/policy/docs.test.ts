import { readFileSync } from 'fs';
import { BUILT_IN_PACKS, META_RULES, POLICY_DOCS_FILE, renderPolicyDocs } from '../../lib/policy';

describe('docs/policies.md', () => {
  test('is up to date with the rule metadata (run `npm run docs:policies`)', () => {
    expect(readFileSync(POLICY_DOCS_FILE, 'utf8')).toBe(renderPolicyDocs());
  });

  test('documents every rule with its rationale', () => {
    const docs = renderPolicyDocs();
    for (const rule of [...Object.values(BUILT_IN_PACKS).flat(), ...Object.values(META_RULES)]) {
      expect(docs).toContain(`### ${rule.id}\n\n**${rule.severity}**. ${rule.description}\n\n*Why:* ${rule.rationale}\n`);
    }
  });
});

import { acmeMeshSpec } from '../../examples/acme-mesh';
import { buildMesh, formatPath } from '../../lib/model';
import { BUILT_IN_PACKS, META_RULES, PolicyRule, checkPolicies, formatFinding, knownRules } from '../../lib/policy';
import { Draft, check, findingsOf, meshOf, orders } from './fixture';

const ids = (report: { findings: readonly { rule: string }[] }) => [...new Set(report.findings.map((f) => f.rule))].sort();

describe('checkPolicies', () => {
  test('pins the rule ids of every pack', () => {
    const packs = Object.fromEntries(Object.entries(BUILT_IN_PACKS).map(([name, rules]) => [name, rules.map((r) => r.id)]));
    expect(packs).toEqual({
      readiness: [
        'readiness/owner-role',
        'readiness/description',
        'readiness/column-classified',
        'readiness/retention',
        'readiness/purpose-binding',
        'readiness/empty-roles',
      ],
      security: [
        'security/no-wildcard-principal',
        'security/no-wildcard-action',
        'security/analyst-read-only',
        'security/owner-grant-option',
        'security/sensitive-data-needs-purpose',
        'security/binding-within-purpose',
        'security/grant-within-clearance',
        'security/purpose-approver',
        'security/environment-principals',
        'security/separation-of-duties',
        'security/purpose-member-approval',
        'security/role-member-approval',
        'security/downstream-privacy',
      ],
      aws: [
        'aws/lf-tag-length',
        'aws/lf-tags-per-resource',
        'aws/lf-tag-quotas',
        'aws/glue-text-length',
        'aws/trust-policy-size',
        'aws/lf-permissions-valid',
        'aws/policy-trust-enforceable',
        'aws/policy-expansion-limits',
      ],
    });
    expect(Object.values(META_RULES).map((r) => r.id)).toEqual([
      'policy/config',
      'policy/rule-failed',
      'policy/suppression-invalid',
      'policy/suppression-expired',
      'policy/suppression-unmatched',
    ]);
  });

  test('every rule id is <pack>/<rule-name> of its pack, with a description and rationale', () => {
    for (const [pack, rules] of Object.entries(BUILT_IN_PACKS)) {
      for (const r of rules) {
        expect(r.id).toMatch(new RegExp(`^${pack}/[a-z][a-z0-9-]*$`));
        expect(r.description.length).toBeGreaterThan(20);
        expect(r.rationale.length).toBeGreaterThan(40);
      }
    }
  });

  test('the compliant spec has no finding at all', () => {
    const report = check();
    expect(report.findings).toEqual([]);
    expect(report.hasErrors).toBe(false);
    expect(report.counts).toEqual({ errors: 0, warnings: 0, suppressed: 0 });
  });

  test('the example mesh has no error-level finding', () => {
    const report = checkPolicies(buildMesh(acmeMeshSpec), { today: '2026-06-01' });
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.hasErrors).toBe(false);
  });

  test('fails with the expected rule ids when one rule per pack is broken', () => {
    const report = check((s) => {
      delete orders(s).policies; // readiness
      orders(s).roles!.analyst!.clearance = 'confidential'; // security
      orders(s).outputPorts[0].columns[0].description = 'x'.repeat(300); // aws
    });
    expect(report.hasErrors).toBe(true);
    expect(ids(report)).toEqual(['aws/glue-text-length', 'readiness/retention', 'security/sensitive-data-needs-purpose']);
  });

  test('is deterministic and sorts mesh-level findings first, then by product id and spec path', () => {
    const edit = (s: Draft) => {
      s.environments[1].identity!.groups!['shop-eng'] = 'arn:aws:iam::222222222222:root';
      s.products!.push({ ...orders(s), id: 'sales.carts', info: { ...orders(s).info, description: undefined }, policies: undefined });
      delete orders(s).policies;
    };
    const report = check(edit);
    expect(report.findings.map((f) => `${f.product ?? '-'} ${f.rule}`)).toEqual([
      '- security/no-wildcard-principal',
      'sales.carts readiness/description',
      'sales.carts readiness/retention',
      'sales.orders readiness/retention',
    ]);
    expect(JSON.stringify(check(edit))).toBe(JSON.stringify(report));
  });

  describe('configuration', () => {
    test('runs only the selected packs', () => {
      const report = check((s) => {
        delete orders(s).policies;
        s.policy = { packs: ['security', 'aws'] };
      });
      expect(report.findings).toEqual([]);
      expect(report.rules.some((r) => r.id.startsWith('readiness/'))).toBe(false);
    });

    test('changes severities and switches rules off', () => {
      const raised = check((s) => {
        s.purposes![0].approver = 'ann.lee';
        s.policy = { severities: { 'security/separation-of-duties': 'error' } };
      });
      expect(findingsOf(raised, 'security/separation-of-duties')[0].severity).toBe('error');
      expect(raised.hasErrors).toBe(true);
      const off = check((s) => {
        delete orders(s).policies;
        s.policy = { severities: { 'readiness/retention': 'off' } };
      });
      expect(off.findings).toEqual([]);
    });

    test('reports unknown packs, rule ids, classes and levels as policy/config errors', () => {
      const report = check((s) => {
        s.policy = {
          packs: ['security', 'securty'],
          severities: { 'security/no-wildcard-princpal': 'off' },
          sensitive: { classes: ['pij'], level: 'secret' },
        };
      });
      expect(findingsOf(report, 'policy/config').map((f) => `${formatPath(f.path)}: ${f.message} (${f.fix})`)).toEqual([
        'policy.packs[1]: unknown rule pack `securty` (did you mean `security`?)',
        'policy.sensitive.classes[0]: policy.sensitive names unknown class `pij` (did you mean `pii`?)',
        'policy.sensitive.level: policy.sensitive names unknown level `secret` (expected one of: confidential, internal, public, restricted)',
        'policy.severities.security/no-wildcard-princpal: severity set for unknown rule `security/no-wildcard-princpal` (did you mean `security/no-wildcard-principal`?)',
      ]);
      expect(report.hasErrors).toBe(true);
    });
  });

  describe('organisation rules', () => {
    const steward: PolicyRule = {
      id: 'shop/steward-named',
      severity: 'warning',
      description: 'Product descriptions name a data steward.',
      rationale: 'Consumers need a person to ask about the data.',
      check: ({ mesh }) =>
        mesh.products
          .filter((p) => !/steward/i.test(p.description ?? ''))
          .map((p) => ({
            path: [...p.specPath, 'info', 'description'],
            message: `product ${p.id} names no steward`,
            fix: 'add "Steward: <name>" to info.description',
          })),
    };

    test('run with the built-in packs, obey severities and can be selected as a pack', () => {
      expect(check(() => undefined, { rules: [steward] }).findings.map((f) => `${f.severity} ${f.rule} ${f.message}`)).toEqual([
        'warning shop/steward-named product sales.orders names no steward',
      ]);
      const onlyShop = check(
        (s) => {
          delete orders(s).policies;
          s.policy = { packs: ['shop'], severities: { 'shop/steward-named': 'error' } };
        },
        { rules: [steward] },
      );
      expect(onlyShop.findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(['error shop/steward-named']);
      expect(knownRules({ rules: [steward] }).map((r) => r.id)).toContain('shop/steward-named');
    });

    test('a rule that throws becomes a policy/rule-failed finding and the others still run', () => {
      const broken: PolicyRule = {
        ...steward,
        id: 'shop/broken',
        check: () => {
          throw new Error('boom');
        },
      };
      const report = check(
        (s) => {
          delete orders(s).policies;
        },
        { rules: [broken] },
      );
      expect(ids(report)).toEqual(['policy/rule-failed', 'readiness/retention']);
      expect(formatFinding(findingsOf(report, 'policy/rule-failed')[0])).toContain('rule shop/broken failed: boom');
    });

    test('an id that clashes with a built-in rule is reported and not run', () => {
      const clash: PolicyRule = { ...steward, id: 'readiness/retention' };
      const report = check(() => undefined, { rules: [clash] });
      expect(ids(report)).toEqual(['policy/config']);
      expect(report.findings[0].message).toContain('`readiness/retention` is not used');
    });
  });

  test('mesh-level findings are located at the nearest written parent', () => {
    const mesh = meshOf((s) => {
      s.environments[1].identity!.groups!['shop-eng'] = 'arn:aws:iam::222222222222:root';
    });
    const finding = checkPolicies(mesh).findings[0];
    expect(finding.location).toEqual(mesh.locate(finding.path));
  });
});

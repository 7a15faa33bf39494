import { PolicyReport, renderJson, renderMarkdown, renderSarif, renderText } from '../../lib/policy';
import { Draft, check, lineOf, orders } from './fixture';

const REASON = 'Two-person team until Q3; reviewed by the CISO in GOV-12';

/** One mesh-level error, one product error, one warning accepted by a suppression. */
function mixedReport(): PolicyReport {
  return check((s: Draft) => {
    s.environments[1].identity!.groups!['shop-eng'] = 'arn:aws:iam::222222222222:root';
    delete orders(s).policies;
    s.purposes![0].approver = 'ann.lee';
    orders(s).suppressions = [{ rule: 'security/separation-of-duties', reason: REASON }];
  });
}

describe('report renderers', () => {
  test('text: summary, findings grouped by product with file:line and fix, then suppressions', () => {
    const text = renderText(mixedReport());
    expect(text).toBe(
      [
        'Policy check of mesh shop: 2 errors, 0 warnings, 1 suppressed',
        '',
        'mesh:',
        `  shop.yaml:${lineOf(['environments', 1, 'identity', 'groups', 'shop-eng'])}:3: error security/no-wildcard-principal: environment prod: group \`shop-eng\` maps to \`arn:aws:iam::222222222222:root\`, which admits every principal of account 222222222222`,
        '      fix: map it to the role of its permission set or its IAM role, e.g. `arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/<region>/AWSReservedSSO_<set>_<id>`',
        '',
        'product sales.orders:',
        `  shop.yaml:${lineOf(['products', 0, 'policies'])}:3: error readiness/retention: product sales.orders declares no retention period`,
        '      fix: add `policies.retention` as an ISO 8601 duration, e.g. `P7Y` (7 years) or `P90D` (90 days); while the mesh is new, `policy: { profile: starter }` in mesh.yaml reports readiness rules as warnings',
        '',
        'Suppressions:',
        `  applied security/separation-of-duties on product sales.orders, 1 finding (products[0].suppressions[0]): ${REASON}`,
        '',
        'Suppressed findings:',
        `  shop.yaml:${lineOf(['products', 0, 'purposes', 0])}:3: warning security/separation-of-duties: product sales.orders: its owner ann.lee is also the approver of purpose fraud-detection, which the product is bound to`,
        '      fix: name another approver for fraud-detection, or suppress with a reason: `{ rule: security/separation-of-duties, target: purposes[0], reason: <why it is acceptable> }`',
        `      accepted: ${REASON}`,
        '',
      ].join('\n'),
    );
  });

  test('json: paths rendered, byte-identical across runs', () => {
    const json = renderJson(mixedReport());
    expect(renderJson(mixedReport())).toBe(json);
    const parsed = JSON.parse(json);
    expect(parsed.hasErrors).toBe(true);
    expect(parsed.counts).toEqual({ errors: 2, warnings: 0, suppressed: 1 });
    expect(parsed.findings.map((f: { rule: string; path: string }) => `${f.rule} ${f.path}`)).toEqual([
      'security/no-wildcard-principal environments[1].identity.groups.shop-eng',
      'readiness/retention products[0].policies',
    ]);
    expect(parsed.suppressed[0]).toEqual(expect.objectContaining({ reason: REASON, suppressedBy: 'products[0].suppressions[0]' }));
  });

  test('markdown: verdict, a table per product, suppressions folded', () => {
    const md = renderMarkdown(mixedReport());
    expect(md).toContain(':x: **Policy check failed**: 2 errors, 0 warnings, 1 suppressed.');
    expect(md).toContain('#### product sales.orders\n\n| Severity | Rule | Where | Finding | Fix |\n| --- | --- | --- | --- | --- |\n');
    expect(md).toContain(
      `| error | \`readiness/retention\` | shop.yaml:${lineOf(['products', 0, 'policies'])}:3 | product sales.orders declares no retention period |`,
    );
    expect(md).toContain('<details><summary>1 suppression</summary>');
    expect(renderMarkdown(check())).toContain(':white_check_mark: **Policy check passed**: 0 errors, 0 warnings, 0 suppressed.');
  });

  test('markdown lists errors first when findings are cut', () => {
    const md = renderMarkdown(
      check((s) => {
        s.purposes![0].approver = 'ann.lee';
        delete orders(s).policies;
        delete orders(s).info.description;
      }),
      { maxFindings: 2 },
    );
    expect(md).toContain('`readiness/description`');
    expect(md).toContain('`readiness/retention`');
    expect(md).not.toContain('`security/separation-of-duties`');
    expect(md).toContain('_1 more finding not shown; `meshgrant validate` lists them all._');
  });

  test('markdown escapes pipes in cells', () => {
    const md = renderMarkdown(
      check((s) => {
        orders(s).policies = { retention: 'P|7Y' };
      }),
    );
    expect(md).toContain('retention `P\\|7Y` is not');
  });
});

/** Keys SARIF 2.1.0 allows on the objects meshgrant writes (sarif-schema-2.1.0.json, additionalProperties: false). */
const ALLOWED: Record<string, string[]> = {
  log: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'],
  run: ['tool', 'results', 'invocations', 'artifacts', 'originalUriBaseIds', 'properties'],
  driver: ['name', 'version', 'informationUri', 'rules', 'properties'],
  rule: ['id', 'name', 'shortDescription', 'fullDescription', 'help', 'helpUri', 'defaultConfiguration', 'properties'],
  result: ['ruleId', 'ruleIndex', 'level', 'message', 'locations', 'partialFingerprints', 'suppressions', 'properties'],
  location: ['physicalLocation', 'logicalLocations', 'message', 'properties'],
  physicalLocation: ['artifactLocation', 'region', 'properties'],
  region: ['startLine', 'startColumn', 'endLine', 'endColumn', 'properties'],
  suppression: ['kind', 'status', 'justification', 'properties'],
};

function keysWithin(obj: object, kind: string): void {
  for (const k of Object.keys(obj)) expect(ALLOWED[kind]).toContain(k);
}

describe('SARIF 2.1.0', () => {
  test('has the shape code scanning reads: rules, results with ruleId, level, message and located regions', () => {
    const sarif = JSON.parse(renderSarif(mixedReport(), { helpUri: 'https://example.org/policies.md' }));
    keysWithin(sarif, 'log');
    expect(sarif.version).toBe('2.1.0');
    const [run] = sarif.runs;
    keysWithin(run, 'run');
    keysWithin(run.tool.driver, 'driver');
    const rules = run.tool.driver.rules as { id: string; defaultConfiguration: { level: string }; helpUri: string }[];
    rules.forEach((r) => keysWithin(r, 'rule'));
    expect(rules.find((r) => r.id === 'readiness/retention')).toEqual(
      expect.objectContaining({
        defaultConfiguration: { level: 'error' },
        helpUri: 'https://example.org/policies.md#readinessretention',
      }),
    );
    expect(run.results).toHaveLength(3);
    for (const r of run.results) {
      keysWithin(r, 'result');
      expect(['error', 'warning', 'note', 'none']).toContain(r.level);
      expect(rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.message.text).toContain('. Fix: ');
      keysWithin(r.locations[0], 'location');
      keysWithin(r.locations[0].physicalLocation, 'physicalLocation');
      keysWithin(r.locations[0].physicalLocation.region, 'region');
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('shop.yaml');
      expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
    const suppressed = run.results.find((r: { ruleId: string }) => r.ruleId === 'security/separation-of-duties');
    keysWithin(suppressed.suppressions[0], 'suppression');
    expect(suppressed.suppressions).toEqual([{ kind: 'inSource', justification: REASON }]);
  });

  test('makes absolute file paths relative to the root, with forward slashes', () => {
    const report = mixedReport();
    const located = {
      ...report,
      findings: report.findings.map((f) => ({ ...f, location: { file: '/repo/mesh/products/sales orders.yaml', line: 4, column: 2 } })),
    };
    const sarif = JSON.parse(renderSarif(located, { root: '/repo' }));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('mesh/products/sales%20orders.yaml');
  });
});

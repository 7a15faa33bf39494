import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { generateMeshSpec } from '../../bench/generator';
import { meshSpecToSources } from '../../lib/spec';
import { runCli } from '../../cli/main';

async function cli(...argv: string[]) {
  let stdout = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stdout += t) });
  return { code, stdout };
}

/** A copy of examples/acme with one rule of each pack broken, through the YAML files. */
function brokenAcme(): string {
  const dir = mkdtempSync(join(tmpdir(), 'policy-cli-'));
  cpSync('examples/acme', join(dir, 'acme'), { recursive: true });
  const edit = (file: string, from: string, to: string) => {
    const path = join(dir, 'acme', 'products', file);
    const text = readFileSync(path, 'utf8');
    if (!text.includes(from)) throw new Error(`${file} has no \`${from}\``);
    writeFileSync(path, text.replace(from, to));
  };
  edit('customers.profiles.yaml', 'policies: { retention: P5Y }\n', ''); // readiness/retention
  edit(
    'customers.profiles.yaml',
    'members: { groups: [ customer-analysts ] }',
    'members: { groups: [ customer-analysts ] }\n    clearance: confidential',
  ); // security/sensitive-data-needs-purpose
  edit('customers.profiles.yaml', 'description: Customer master data', `description: ${'x'.repeat(2049)}`); // aws/glue-text-length
  return join(dir, 'acme');
}

describe('meshgrant validate and synth run the policies', () => {
  let mesh: string;
  beforeAll(() => (mesh = brokenAcme()));
  afterAll(() => rmSync(join(mesh, '..'), { recursive: true, force: true }));

  test('validate exits 1 and names each broken rule with file:line and fix', async () => {
    const run = await cli('validate', mesh);
    expect(run.code).toBe(1);
    const file = join(mesh, 'products', 'customers.profiles.yaml');
    expect(run.stdout).toMatch(
      /^mesh acme breaks governance policies: 6 products, 2 environments, 3 purposes\n\nPolicy check of mesh acme: 3 errors, \d+ warnings?, 0 suppressed\n/,
    );
    expect(run.stdout).toContain(`\nproduct customers.profiles:\n  ${file}:`);
    expect(run.stdout).toContain(
      `\n  ${file}:13:18: error aws/glue-text-length: product customers.profiles: port profiles: description has 2049 characters; Glue accepts at most 2048\n      fix: shorten it`,
    );
    expect(run.stdout).toMatch(
      new RegExp(`${file}:\\d+:\\d+: error readiness/retention: product customers.profiles declares no retention period\\n {6}fix: `),
    );
    expect(run.stdout).toMatch(
      new RegExp(
        `${file}:\\d+:\\d+: error security/sensitive-data-needs-purpose: product customers.profiles: the analyst role can read sensitive columns \`email\`, \`full_name\` and \`date_of_birth\` \\(pii\\)`,
      ),
    );
  });

  test('validate --json lists the findings; --sarif and --markdown write the reports', async () => {
    const out = mkdtempSync(join(tmpdir(), 'policy-cli-out-'));
    try {
      const run = await cli('validate', mesh, '--json', '--sarif', join(out, 'policy.sarif'), '--markdown', join(out, 'policy.md'));
      expect(run.code).toBe(1);
      const json = JSON.parse(run.stdout);
      expect(json.ok).toBe(false);
      const errors = json.policy.findings
        .filter((f: { severity: string }) => f.severity === 'error')
        .map((f: { rule: string }) => f.rule)
        .sort();
      expect(errors).toEqual(['aws/glue-text-length', 'readiness/retention', 'security/sensitive-data-needs-purpose']);
      const sarif = JSON.parse(readFileSync(join(out, 'policy.sarif'), 'utf8'));
      expect(sarif.runs[0].results.filter((r: { level: string }) => r.level === 'error')).toHaveLength(3);
      expect(readFileSync(join(out, 'policy.md'), 'utf8')).toMatch(
        /:x: \*\*Policy check failed\*\*: 3 errors, \d+ warnings?, 0 suppressed\./,
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('synth exits 1 and writes nothing while an error-level finding is open', async () => {
    const out = join(mesh, '..', 'cdktf.out');
    const run = await cli('synth', mesh, '--out', out);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('nothing written: synthesis waits until no error-level finding is open');
    expect(existsSync(out)).toBe(false);
  });

  test('validate passes the example', async () => {
    const run = await cli('validate', 'examples/acme');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^mesh acme is valid: 6 products, 2 environments, 3 purposes\n/);
  });

  test('--rules adds organisation rules from JavaScript modules; a module that cannot load fails with 2', async () => {
    const rules = join(mesh, '..', 'rules.js');
    writeFileSync(
      rules,
      `exports.stewardNamed = {
  id: 'acme/steward-named', severity: 'error', description: 'Descriptions name a steward.', rationale: 'Consumers need a person to ask.',
  check: ({ mesh }) => mesh.products.filter((p) => !/steward/i.test(p.description || '')).map((p) => ({ path: [...p.specPath, 'info', 'description'], message: 'product ' + p.id + ' names no steward', fix: 'add a steward' })),
};\n`,
    );
    const run = await cli('validate', 'examples/acme', '--rules', rules, '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).policy.findings.filter((f: { rule: string }) => f.rule === 'acme/steward-named')).toHaveLength(6);
    const missing = await cli('validate', 'examples/acme', '--rules', join(mesh, 'nope.js'));
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain(`meshgrant validate: cannot load rules module ${join(mesh, 'nope.js')}: `);
    expect(missing.stdout).toContain('Cannot find module');
  });

  test('a suppression in a product file accepts a finding; once expired it is reported and the finding is back', async () => {
    const file = join(mesh, 'products', 'customers.profiles.yaml');
    const original = readFileSync(file, 'utf8');
    const suppress = (expires: string) =>
      writeFileSync(
        file,
        `${original}suppressions:\n  - { rule: aws/glue-text-length, reason: Catalogue text is trimmed by the loader job (DATA-42), expires: ${expires} }\n`,
      );
    try {
      suppress('2999-12-31');
      const accepted = JSON.parse((await cli('validate', mesh, '--json')).stdout).policy;
      expect(accepted.findings.map((f: { rule: string }) => f.rule)).not.toContain('aws/glue-text-length');
      expect(accepted.suppressions).toEqual([
        expect.objectContaining({ rule: 'aws/glue-text-length', status: 'applied', matched: 1, product: 'customers.profiles' }),
      ]);
      suppress('2020-01-31');
      const run = await cli('validate', mesh);
      expect(run.stdout).toMatch(
        new RegExp(
          `${file}:\\d+:\\d+: warning policy/suppression-expired: suppression of aws/glue-text-length on product customers.profiles expired on 2020-01-31; its 1 finding is reported again`,
        ),
      );
      expect(run.stdout).toContain('error aws/glue-text-length');
    } finally {
      writeFileSync(file, original);
    }
  });
});

describe('meshgrant synth with many open warnings', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-cli-many-'));
    // A generated 60-product mesh: it synthesizes, with dozens of warnings open.
    for (const source of meshSpecToSources(generateMeshSpec({ products: 60, environments: 2, seed: 3 }))) {
      mkdirSync(dirname(join(dir, 'mesh', source.path)), { recursive: true });
      writeFileSync(join(dir, 'mesh', source.path), source.text);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('counts them per rule under the summary instead of burying it; --verbose and validate list each', async () => {
    const validate = await cli('validate', join(dir, 'mesh'));
    const listed = validate.stdout.split('\n').filter((l) => / warning [a-z-]+\/[a-z-]+: /.test(l));
    expect(listed.length).toBeGreaterThan(20);
    const run = await cli('synth', join(dir, 'mesh'), '--out', join(dir, 'out'));
    expect(run.code).toBe(0);
    const [, counts] = run.stdout.split(/Policy check of mesh [^\n]*, by rule:\n\n/);
    const rows = counts.split('\n\n')[0].split('\n').slice(1);
    const perRule = new Map(rows.map((r) => [r.replace(/ +\d+$/, ''), Number(/(\d+)$/.exec(r)![1])]));
    // The counts add up to the warnings validate lists, rule by rule.
    const expected = new Map<string, number>();
    for (const l of listed) {
      const rule = / (warning [a-z-]+\/[a-z-]+): /.exec(l)![1];
      expected.set(rule, (expected.get(rule) ?? 0) + 1);
    }
    expect(perRule).toEqual(expected);
    expect(run.stdout).toContain('Each finding: meshgrant validate (or synth --verbose); validate --sarif or --markdown for CI.');
    expect(run.stdout.split('\n').filter((l) => / warning [a-z-]+\/[a-z-]+: /.test(l))).toEqual([]);
    const verbose = await cli('synth', join(dir, 'mesh'), '--out', join(dir, 'out'), '--verbose');
    expect(verbose.stdout.split('\n').filter((l) => / warning [a-z-]+\/[a-z-]+: /.test(l))).toHaveLength(listed.length);
  }, 120_000);
});

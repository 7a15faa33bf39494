import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import sarifSchema from '../fixtures/sarif/sarif-schema-2.1.0.json';
import { meshgrantVersion } from '../../cli/version';
import { removeMesh } from '../spec/fixture-mesh';
import { cli, tempDir } from './run-cli';

/** The SARIF 2.1.0 schema (test/fixtures/sarif/README.md says where it comes from); its `language` pattern is not a valid `u` regex. */
const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
addFormats(ajv);
const validSarif = ajv.compile(sarifSchema);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let repo: string;
let mesh: string;
beforeEach(() => {
  // A repository with the mesh in `mesh/`; validate runs from elsewhere, so URIs must not depend on the working directory.
  repo = tempDir();
  mkdirSync(join(repo, '.git'));
  mesh = join(repo, 'mesh');
  cpSync('examples/acme', mesh, { recursive: true });
});
afterEach(() => removeMesh(repo));

async function validate(...extra: string[]): Promise<{ code: number; sarif: Json; markdown: string }> {
  const [sarif, markdown] = [join(repo, 'out.sarif'), join(repo, 'out.md')];
  const run = await cli('validate', mesh, '--sarif', sarif, '--markdown', markdown, ...extra);
  return { code: run.code, sarif: JSON.parse(readFileSync(sarif, 'utf8')), markdown: readFileSync(markdown, 'utf8') };
}

function expectValid(sarif: Json): void {
  validSarif(sarif);
  expect(validSarif.errors ?? []).toEqual([]);
}

describe('validate --sarif and --markdown', () => {
  it('a YAML error (a tab) writes both files: valid SARIF 2.1.0 with rule spec/yaml, file relative to the repository root, and line', async () => {
    const file = join(mesh, 'products', 'payments.refunds.yaml');
    const lines = readFileSync(file, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.startsWith('  - name: refunds')) + 1;
    lines[line - 1] = lines[line - 1].replace('  - name:', '\t- name:');
    writeFileSync(file, lines.join('\n'));

    const { code, sarif, markdown } = await validate();
    expect(code).toBe(1);
    expectValid(sarif);
    const [run] = sarif.runs;
    expect(run.tool.driver).toMatchObject({ name: 'meshgrant', version: meshgrantVersion() });
    expect(run.tool.driver.rules.map((r: Json) => r.id)).toEqual(['spec/yaml']);
    const [first] = run.results;
    expect(first).toMatchObject({ ruleId: 'spec/yaml', ruleIndex: 0, level: 'error' });
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'mesh/products/payments.refunds.yaml' },
      region: { startLine: line, startColumn: expect.any(Number) },
    });
    expect(first.partialFingerprints['meshgrant/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(markdown).toMatch(/^### meshgrant validation: .*\n\n:x: \*\*Validation failed\*\*: \d+ errors?, 0 warnings, 0 suppressed\.\n/);
    expect(markdown).toContain('`spec/yaml`');
  });

  it('a schema error and an unknown reference get their own stable rules, and --root sets what URIs are relative to', async () => {
    const file = join(mesh, 'products', 'payments.refunds.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('promotedTo:', 'promotedTo: 3\nunknownField: 1\nx_promotedTo:'));
    const schema = await validate('--root', mesh);
    expectValid(schema.sarif);
    const results = schema.sarif.runs[0].results as Json[];
    expect(new Set(results.map((r) => r.ruleId))).toEqual(new Set(['spec/schema']));
    expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('products/payments.refunds.yaml');

    cpSync('examples/acme/products/payments.refunds.yaml', file);
    const environments = join(mesh, 'environments.yaml');
    writeFileSync(environments, readFileSync(environments, 'utf8').replace(/ {8}payments-analysts: .*\n/g, ''));
    const model = await validate();
    expect(model.code).toBe(1);
    expectValid(model.sarif);
    expect(new Set(model.sarif.runs[0].results.map((r: Json) => r.ruleId))).toEqual(new Set(['spec/model']));
  });

  it('a directory without mesh.yaml exits 2 and still writes a valid SARIF result of rule spec/load', async () => {
    mesh = join(repo, 'empty');
    mkdirSync(mesh);
    const { code, sarif } = await validate();
    expect(code).toBe(2);
    expectValid(sarif);
    expect(sarif.runs[0].results).toMatchObject([
      {
        ruleId: 'spec/load',
        locations: [{ physicalLocation: { artifactLocation: { uri: 'empty/mesh.yaml' }, region: { startLine: 1 } } }],
      },
    ]);
  });

  it('policy findings are valid SARIF too, with fingerprints that do not move with lines', async () => {
    const file = join(mesh, 'products', 'payments.refunds.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^policies:.*\n/m, ''));
    const before = await validate();
    expect(before.code).toBe(1);
    expectValid(before.sarif);
    writeFileSync(file, `# a comment that moves every line\n${readFileSync(file, 'utf8')}`);
    const after = await validate();
    const retention = (s: Json) => s.runs[0].results.find((r: Json) => r.ruleId === 'readiness/retention');
    expect(retention(after.sarif).locations[0].physicalLocation.region.startLine).toBe(
      retention(before.sarif).locations[0].physicalLocation.region.startLine + 1,
    );
    expect(retention(after.sarif).partialFingerprints).toEqual(retention(before.sarif).partialFingerprints);
  });
});

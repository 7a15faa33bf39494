import { readdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { meshWithFixture, readFixture, removeMesh } from '../spec/fixture-mesh';
import { cli, earlierOutput, readTree, tempDir } from './run-cli';

describe('meshgrant synth', () => {
  let parent: string;
  beforeEach(() => (parent = tempDir()));
  afterEach(() => removeMesh(parent));

  it('writes one stack per environment, replaces earlier output and leaves no staging directory', async () => {
    const out = earlierOutput(parent);
    const run = await cli('synth', 'examples/acme', '--out', out, '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ command: 'synth', ok: true, problems: [], summary: { outdir: out } });
    expect(report.summary.environments.map((e: { stack: string; file: string }) => [e.stack, e.file])).toEqual([
      ['acme-dev', join(out, 'stacks', 'acme-dev', 'cdk.tf.json')],
      ['acme-prod', join(out, 'stacks', 'acme-prod', 'cdk.tf.json')],
    ]);
    const files = Object.keys(readTree(out));
    expect(files).toEqual(expect.arrayContaining(['manifest.json', 'stacks/acme-dev/cdk.tf.json', 'stacks/acme-prod/cdk.tf.json']));
    expect(files).not.toContain('stacks/old/cdk.tf.json');
    expect(readdirSync(parent)).toEqual(['cdktf.out']);
  });

  it('fails with 1 on an invalid mesh and leaves the earlier output byte-identical', async () => {
    const out = earlierOutput(parent);
    const before = readTree(out);
    const mesh = meshWithFixture(readFixture(join(__dirname, '..', 'fixtures', 'invalid', 'ref-unknown-grant-port.yaml')));
    try {
      const run = await cli('synth', mesh, '--out', out);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('unknown port `return`');
      expect(readTree(out)).toEqual(before);
      expect(readdirSync(parent)).toEqual(['cdktf.out']);
    } finally {
      removeMesh(mesh);
    }
  });

  it('fails with 2 rather than replace a directory that is not earlier output', async () => {
    writeFileSync(join(parent, 'notes.txt'), 'keep me\n');
    const run = await cli('synth', 'examples/acme', '--out', parent);
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('refusing to replace') });
    expect(readTree(parent)).toEqual({ 'notes.txt': 'keep me\n' });
  });
});

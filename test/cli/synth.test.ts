import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'fs';
import { basename, join } from 'path';
import { OUTPUT_MARKER, stagingPath } from '../../cli/replace-directory';
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

  it('synthesizes in worker threads with --jobs: the same files and summary as in one process', async () => {
    const [serial, parallel] = [join(parent, 'serial'), join(parent, 'parallel')];
    const runs = [
      await cli('synth', 'examples/acme', '--out', serial, '--jobs', '1'),
      await cli('synth', 'examples/acme', '--out', parallel, '--jobs', '2'),
    ];
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    expect(runs[1].stdout.replaceAll(parallel, serial)).toBe(runs[0].stdout);
    expect(readTree(parallel)).toEqual(readTree(serial));
    expect(readdirSync(parent).sort()).toEqual(['parallel', 'serial']);
  }, 60_000);

  it.each(['0', '1.5', 'two'])('fails with 2 on --jobs %s, which is not a positive integer', async (jobs) => {
    const run = await cli('synth', 'examples/acme', '--out', join(parent, 'out'), '--jobs', jobs);
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining(`argument '${jobs}' is invalid. expected a positive integer`),
    });
    expect(readdirSync(parent)).toEqual([]);
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

  it('fails with 2 rather than replace a folder that holds a manifest.json meshgrant did not write', async () => {
    const extension = join(parent, 'my-extension');
    mkdirSync(extension);
    writeFileSync(join(extension, 'manifest.json'), '{"manifest_version":3}\n');
    writeFileSync(join(extension, 'background.js'), 'chrome.runtime.onInstalled.addListener(() => {});\n');
    const before = readTree(extension);
    const run = await cli('synth', 'examples/acme', '--out', extension);
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining(`refusing to replace ${extension}: it holds files but no ${OUTPUT_MARKER}`),
    });
    expect(readTree(extension)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['my-extension']);
  });

  it('marks its output, so that the next run replaces it', async () => {
    const out = join(parent, 'out');
    expect((await cli('synth', 'examples/acme', '--out', out)).code).toBe(0);
    expect(readdirSync(out)).toContain(OUTPUT_MARKER);
    expect((await cli('synth', 'examples/acme', '--out', out)).code).toBe(0);
  }, 60_000);

  it('removes the staging directories of killed runs, and only those', async () => {
    const out = earlierOutput(parent);
    const dead = spawnSync(process.execPath, ['-e', '']).pid!; // a process that has ended
    const abandoned = [stagingPath(out, dead, '0badf00d'), `${stagingPath(out, dead, '0badf00d')}.old`];
    const kept = [
      stagingPath(out, process.ppid, '00c0ffee'), // a run still going (this test's parent process)
      join(parent, `.${basename(out)}.meshgrant-staging.otherhost.${dead}.00c0ffee`), // another host's: its pids mean nothing here
      join(parent, `.${basename(out)}.new-0badf00d`), // not named as meshgrant names its own
    ];
    for (const dir of [...abandoned, ...kept]) {
      mkdirSync(dir);
      writeFileSync(join(dir, 'manifest.json'), '{}\n');
    }
    expect((await cli('synth', 'examples/acme', '--out', out)).code).toBe(0);
    expect(abandoned.filter((d) => existsSync(d))).toEqual([]);
    expect(kept.filter((d) => existsSync(d))).toEqual(kept);
  });
});

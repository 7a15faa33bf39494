import { spawnSync } from 'child_process';
import { cpSync, mkdirSync, rmSync } from 'fs';
import { join } from 'path';
import { runCli } from '../../cli/main';
import { CliRun, cli, tempDir } from './run-cli';

/** `meshgrant <argv>` in-process, with standard error a terminal of `columns` columns. */
async function inTerminal(columns: number, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), terminalColumns: columns });
  return { code, stdout, stderr };
}

const ERASE_LINE = '\r\u001b[2K';
/** The status lines written, without their elapsed seconds. */
const statusLines = (stderr: string) =>
  stderr
    .split(ERASE_LINE)
    .filter((s) => s !== '')
    .map((s) => s.replace(/ \d+\.\d s$/, ''));

/** A valid mesh: the example's. */
const ACME = join(__dirname, '..', '..', 'examples', 'acme');
const VALID = /^mesh acme is valid: 6 products, 2 environments, 3 purposes\n/;

describe('progress, --quiet and --verbose', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    cpSync(ACME, join(dir, 'mesh'), { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows each step of synth on a terminal, per stack, on one status line erased before the report', async () => {
    const run = await inTerminal(200, 'synth', join(dir, 'mesh'), '--out', join(dir, 'out'), '--jobs', '1');
    expect(run.code).toBe(0);
    expect(statusLines(run.stderr)).toEqual([
      `meshgrant synth: loading the mesh in ${join(dir, 'mesh')}`,
      'meshgrant synth: checking policies',
      'meshgrant synth: building acme-dev: 6 products',
      'meshgrant synth: building acme-prod: 5 products',
      'meshgrant synth: writing Terraform JSON: acme-dev, acme-prod',
    ]);
    expect(run.stderr.endsWith(ERASE_LINE)).toBe(true);
    expect(run.stdout).toMatch(/^stack +account/);
  }, 60_000);

  it('cuts the status line to the terminal width, so that a carriage return can erase it', async () => {
    const run = await inTerminal(30, 'validate', join(dir, 'mesh'));
    expect(run.code).toBe(0);
    expect(statusLines(run.stderr)).toEqual(['meshgrant validate: loading t', 'meshgrant validate: checking ']);
  });

  it('shows no progress when standard error is not a terminal (a CI log, a pipe)', async () => {
    const run = await cli('validate', join(dir, 'mesh'));
    expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(VALID), stderr: '' });
  });

  it('--quiet: no progress on a terminal, and no summary of a successful run', async () => {
    expect(await inTerminal(80, 'validate', join(dir, 'mesh'), '--quiet')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--quiet still prints the report asked for, and the problems of a failed run', async () => {
    const graph = await inTerminal(80, 'graph', join(dir, 'mesh'), '-q');
    expect(graph).toMatchObject({ code: 0, stderr: '', stdout: expect.stringMatching(/^flowchart LR\n/) });
    const missing = await cli('validate', join(dir, 'nowhere'), '--quiet');
    expect(missing).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('is not a directory') });
  });

  it('--verbose: every step on a line of its own with its time, terminal or not, and the mesh used', async () => {
    const run = await cli('validate', join(dir, 'mesh'), '--verbose');
    expect(run.code).toBe(0);
    expect(run.stderr.replace(/\(\d+\.\d s\)/g, '(t)')).toBe(
      [
        `meshgrant validate: loading the mesh in ${join(dir, 'mesh')} (t)`,
        `meshgrant validate: using mesh acme in ${join(dir, 'mesh')}`,
        'meshgrant validate: checking policies (t)',
        '',
      ].join('\n'),
    );
  });

  it('shows the steps of the report commands on a terminal: reading the output, the directory, comparing', async () => {
    const [out, next] = [join(dir, 'report-out'), join(dir, 'report-next')];
    expect((await cli('synth', join(dir, 'mesh'), '--out', out, '--quiet', '--jobs', '1')).code).toBe(0);
    expect((await cli('synth', join(dir, 'mesh'), '--out', next, '--quiet', '--jobs', '1')).code).toBe(0);
    const access = await inTerminal(200, 'access', '--out', out, '--mesh', join(dir, 'mesh'));
    expect(statusLines(access.stderr)).toEqual([
      `meshgrant access: reading the synthesized output in ${out}`,
      `meshgrant access: loading the mesh in ${join(dir, 'mesh')}`,
    ]);
    const diff = await inTerminal(200, 'diff', out, next);
    expect(statusLines(diff.stderr)).toEqual([
      `meshgrant diff: reading what changed from ${out} to ${next}`,
      'meshgrant diff: comparing access',
    ]);
    const promote = await inTerminal(200, 'promote-check', '--out', out, '--from', 'dev', '--to', 'prod');
    expect(statusLines(promote.stderr)).toEqual([`meshgrant promote-check: reading the synthesized output in ${out}`]);
    const people = join(__dirname, '..', '..', 'examples', 'directory', 'acme-people.yaml');
    const impact = await inTerminal(200, 'impact', '--directory', people, '--old', out, '--new', next, '--mesh', join(dir, 'mesh'));
    expect(statusLines(impact.stderr)).toEqual([
      `meshgrant impact: loading the directory ${people}`,
      `meshgrant impact: loading the mesh in ${join(dir, 'mesh')}`,
      `meshgrant impact: reading the synthesized output in ${next}`,
      `meshgrant impact: reading the synthesized output in ${out}`,
      'meshgrant impact: finding who gains or loses access among 6 people',
    ]);
  }, 120_000);

  it('fails if --quiet and --verbose are both given', async () => {
    const run = await cli('validate', join(dir, 'mesh'), '--quiet', '--verbose');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: option '-q, --quiet' cannot be used with option '-v, --verbose'");
  });

  it('finds the mesh from a folder inside the repository, says which, and shows progress on a real terminal', () => {
    // A mesh repository as `meshgrant init` lays it out: the mesh in mesh/, run from a subfolder.
    const repository = tempDir();
    try {
      mkdirSync(join(repository, '.git'));
      mkdirSync(join(repository, 'docs', 'notes'), { recursive: true });
      cpSync(ACME, join(repository, 'mesh'), { recursive: true });
      // util-linux `script` runs the CLI on a pseudo-terminal, as a person's shell would.
      const main = join(__dirname, '..', '..', 'cli', 'main');
      const tsNode = require.resolve('ts-node/register/transpile-only');
      const command = `${process.execPath} -r ${tsNode} -e "require('${main}').main(process.argv.slice(1))" validate`;
      const run = spawnSync('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
        cwd: join(repository, 'docs', 'notes'),
        encoding: 'utf8',
        env: { ...process.env, TERM: 'xterm', TS_NODE_PROJECT: join(__dirname, '..', '..', 'tsconfig.json') },
        timeout: 120_000,
      });
      expect(run.status).toBe(0);
      // The terminal shows stderr and stdout together, with CR LF line ends.
      const screen = run.stdout.replace(/\r\n/g, '\n');
      expect(screen).toContain(`${ERASE_LINE}meshgrant validate: loading the mesh in ../../mesh `);
      expect(screen).toContain(
        `${ERASE_LINE}meshgrant validate: using mesh acme in ../../mesh (found from the current directory; give another as an argument or with --mesh)\n`,
      );
      expect(screen).toContain('mesh acme is valid: 6 products, 2 environments, 3 purposes\n');
    } finally {
      rmSync(repository, { recursive: true, force: true });
    }
  }, 150_000);

  it('fails with 2 when no folder from here to the repository root holds a mesh, saying where it looked', async () => {
    // The test runs in meshgrant's own repository, which holds no mesh.yaml in its root or a mesh/ folder.
    const run = await cli('graph');
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "mesh.yaml:1:1: no mesh.yaml in the current directory or a folder above it, nor in their mesh/ folders (give the mesh directory, the folder that holds mesh.yaml, as the command's argument or with --mesh)\n",
    });
  });
});

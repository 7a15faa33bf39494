import { spawn } from 'child_process';
import { join } from 'path';
import { STACK_LINE } from './run-cli';

const ACME = join(__dirname, '..', '..', 'examples', 'acme');

/**
 * Runs the CLI in a process of its own whose standard output is a pipe the reader has already
 * closed, as `meshgrant validate --json | head -c 0` leaves it; with `stderr` closed too, as
 * `meshgrant ... 2>&1 | head -c 0` does.
 */
function withClosed(streams: 'stdout' | 'stdout and stderr', ...argv: string[]): Promise<{ code: number | null; stderr: string }> {
  const main = join(__dirname, '..', '..', 'cli', 'main');
  const child = spawn(
    process.execPath,
    [
      '-r',
      require.resolve('ts-node/register/transpile-only'),
      '-e',
      `require(${JSON.stringify(main)}).main(process.argv.slice(1))`,
      ...argv,
    ],
    { env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', 'tsconfig.json') }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Closed before the CLI has loaded: every write it makes to stdout fails with EPIPE.
  child.stdout.destroy();
  if (streams === 'stdout and stderr') child.stderr.destroy();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('a reader that stops reading (`| head`)', () => {
  it('ends the report quietly with the exit code of the command, no internal error, no stack trace', async () => {
    const valid = await withClosed('stdout', 'validate', ACME, '--json');
    expect(valid).toEqual({ code: 0, stderr: '' });
    const unknown = await withClosed('stdout', 'validate', join(ACME, 'nowhere'), '--json');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).not.toMatch(STACK_LINE);
  }, 60_000);

  it('keeps the exit code of the command when standard error has gone too (`2>&1 | head`)', async () => {
    // The message saying there is no mesh goes to standard error: it fails with EPIPE.
    const unknown = await withClosed('stdout and stderr', 'validate', join(ACME, 'nowhere'), '--json');
    expect(unknown.code).toBe(2);
    const text = await withClosed('stdout and stderr', 'validate', join(ACME, 'nowhere'));
    expect(text.code).toBe(2);
  }, 60_000);
});

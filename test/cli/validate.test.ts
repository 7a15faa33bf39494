import { readdirSync } from 'fs';
import { join } from 'path';
import { meshWithFixture, readFixture, removeMesh } from '../spec/fixture-mesh';
import { STACK_LINE, cli, tempDir } from './run-cli';

const INVALID = join(__dirname, '..', 'fixtures', 'invalid');

describe('meshgrant validate', () => {
  it('exits 0 and summarizes a valid mesh', async () => {
    const run = await cli('validate', 'examples/acme');
    // Policy warnings, if any, follow the summary (test/cli/policies.test.ts checks them).
    expect(run).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^mesh acme is valid: 6 products, 2 environments, 3 purposes\n/),
      stderr: '',
    });
  });

  it('reports a valid mesh as JSON with --json', async () => {
    // The base fixture is not production-ready (readiness rules), so the example is the valid mesh here.
    const run = await cli('validate', 'examples/acme', '--json', '--as-of', '2026-12-01');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      command: 'validate',
      ok: true,
      problems: [],
      mesh: { name: 'acme', products: 6, environments: 2, purposes: 3 },
      policy: expect.objectContaining({ mesh: 'acme', hasErrors: false }),
      // The example keeps one expired purpose member, to show that it is no longer synthesized.
      expiry: expect.objectContaining({
        asOf: '2026-12-01',
        entries: [expect.objectContaining({ entry: 'group payments-analysts', status: 'expired' })],
      }),
    });
  });

  it('fails with 1 and lists each problem as file:line:column: field: message (hint)', async () => {
    const dir = meshWithFixture(readFixture(join(INVALID, 'ref-unknown-purpose.yaml')));
    try {
      const run = await cli('validate', dir);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe(
        `${dir}/products/sales.returns.yaml:14:16: purposes[0].purpose: product sales.returns: unknown purpose \`fraud-detecton\` (did you mean \`fraud-detection\`?)\n1 problem\n`,
      );
    } finally {
      removeMesh(dir);
    }
  });

  it('reports problems as JSON with --json', async () => {
    const dir = meshWithFixture(readFixture(join(INVALID, 'unknown-field-environment.yaml')));
    try {
      const run = await cli('validate', dir, '--json');
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toEqual({
        command: 'validate',
        ok: false,
        problems: [
          {
            file: `${dir}/environments.yaml`,
            line: 21,
            column: 5,
            field: 'environments[1]',
            path: 'environments[1]',
            message: 'missing field `account`',
            hint: expect.stringContaining('12-digit AWS account id'),
          },
          {
            file: `${dir}/environments.yaml`,
            line: 22,
            column: 5,
            field: 'environments[1].acount',
            path: 'environments[1].acount',
            message: 'unknown field `acount`',
            hint: 'did you mean `account`?',
          },
        ],
      });
    } finally {
      removeMesh(dir);
    }
  });

  it('fails with 2 when the directory is not a mesh', async () => {
    const empty = tempDir();
    expect(await cli('validate', join(empty, 'missing'))).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining('is not a directory'),
    });
    expect(await cli('validate', empty)).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('no mesh.yaml') });
    removeMesh(empty);
  });

  it('fails with 2 on usage errors, and shows help with 0', async () => {
    expect(await cli('validat')).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command 'validat'") });
    expect(await cli('validate', '--strict')).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown option '--strict'") });
    expect(await cli('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('validate [options] [dir]') });
  });

  it.each(readdirSync(INVALID).filter((f) => f.endsWith('.yaml')))('fails with 1, without a stack trace, on fixture %s', async (name) => {
    const dir = meshWithFixture(readFixture(join(INVALID, name)));
    try {
      const run = await cli('validate', dir);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^\S+\.yaml:\d+:\d+: /);
      expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_LINE);
    } finally {
      removeMesh(dir);
    }
  });
});

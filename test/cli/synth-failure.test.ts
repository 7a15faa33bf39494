import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'fs';
import { join } from 'path';
import { stagingPath } from '../../cli/replace-directory';
import { removeMesh } from '../spec/fixture-mesh';
import { STACK_LINE, cli, earlierOutput, readTree, tempDir } from './run-cli';

// A synthesis that dies half-way, after writing part of its output, as a worker's failure arrives: later.
jest.mock('../../stacks/synthesize-parallel', () => ({
  synthesizeMeshParallel: async (_mesh: unknown, options: { outdir: string }) => {
    mkdirSync(join(options.outdir, 'stacks', 'acme-dev'), { recursive: true });
    writeFileSync(join(options.outdir, 'manifest.json'), '{"partial":true}');
    await new Promise((resolve) => setTimeout(resolve, 10));
    throw new Error('synthesis blew up');
  },
}));

describe('meshgrant synth, when synthesis fails', () => {
  it('exits 2 and leaves the earlier output byte-identical, with nothing half-written beside it', async () => {
    const parent = tempDir();
    try {
      const out = earlierOutput(parent);
      const before = readTree(out);
      const run = await cli('synth', 'examples/acme', '--out', out);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('synthesis blew up');
      expect(readTree(out)).toEqual(before);
      expect(readdirSync(parent)).toEqual(['cdktf.out']);
    } finally {
      removeMesh(parent);
    }
  });

  it('puts back the earlier output that a run killed between its two renames left swapped out', async () => {
    const parent = tempDir();
    try {
      const out = earlierOutput(parent);
      const before = readTree(out);
      // Killed after moving the earlier output aside, before moving the new one in (pid 2^22 + 1: above Linux's pid_max, never running).
      renameSync(out, `${stagingPath(out, 4194305, '0badf00d')}.old`);
      expect((await cli('synth', 'examples/acme', '--out', out)).code).toBe(2);
      expect(readTree(out)).toEqual(before);
      expect(readdirSync(parent)).toEqual(['cdktf.out']);
    } finally {
      removeMesh(parent);
    }
  });

  it('shows a stack trace only for such internal errors', async () => {
    const parent = tempDir();
    try {
      const run = await cli('synth', 'examples/acme', '--out', join(parent, 'out'));
      expect(run.stderr).toMatch(/internal error/);
      expect(run.stderr).toMatch(STACK_LINE);
    } finally {
      removeMesh(parent);
    }
  });
});

import { rmSync } from 'fs';
import { join } from 'path';
import { acmeMeshSpec } from '../../examples/acme-mesh';
import { buildMesh } from '../../lib';
import { synthesizeMesh } from '../../stacks/synthesize';
import { cli, tempDir } from './run-cli';

/** Every report reads an output split per domain as it reads one stack per environment. */
describe('reports on an output split per domain', () => {
  const dir = tempDir();
  const one = join(dir, 'one');
  const split = join(dir, 'split');
  beforeAll(() => {
    synthesizeMesh(buildMesh(acmeMeshSpec), { outdir: one });
    const environments = acmeMeshSpec.environments.map((e) => ({ ...e, stacks: 'per-domain' as const }));
    synthesizeMesh(buildMesh({ ...acmeMeshSpec, environments }), { outdir: split });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('diff from one stack per environment to the split finds no access change', async () => {
    expect(await cli('diff', one, split)).toEqual({
      code: 0,
      stdout: `Access diff ${one} -> ${split}\n\nNo access changes.\n`,
      stderr: '',
    });
  });

  it('access and promote-check print the same for both shapes', async () => {
    for (const args of [
      ['access', '--format', 'json'],
      ['promote-check', '--from', 'dev', '--to', 'prod'],
    ]) {
      const [a, b] = [await cli(...args, '--out', one), await cli(...args, '--out', split)];
      expect(b).toEqual({ ...a, stdout: a.stdout.split(one).join(split) });
    }
  });
});

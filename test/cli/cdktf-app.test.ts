import { cpSync, lstatSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { synthAsCdktfApp } from '../../cli/cdktf-app';
import { removeMesh } from '../spec/fixture-mesh';
import { readTree, tempDir } from './run-cli';

/**
 * `cdktf synth` and `cdktn synth` as their cli-core `SynthStack.synth` does it: list the stack
 * folders, run the app with CDKTF_OUTDIR, then delete the folders of stacks not synthesized
 * again, with an `rmSync` that fails on a folder that is gone.
 */
const quiet = { stdout: () => undefined, stderr: () => undefined };

async function cdktfSynth(out: string, meshDir: string): Promise<number> {
  const stacks = join(out, 'stacks');
  const folders = (() => {
    try {
      return readdirSync(stacks).filter((n) => lstatSync(join(stacks, n)).isDirectory());
    } catch {
      return [];
    }
  })();
  const code = await synthAsCdktfApp({ CDKTF_OUTDIR: out, MESH_DIR: meshDir }, quiet);
  const manifest = JSON.parse(readTree(out)['manifest.json']) as { stacks: Record<string, unknown> };
  for (const folder of folders.filter((f) => !(f in manifest.stacks))) rmSync(join(stacks, folder), { recursive: true });
  return code;
}

describe('the cdktf app under cdktf synth', () => {
  let parent: string;
  let OTHER_MESH: string;
  beforeEach(() => {
    parent = tempDir();
    // The example under another name: the same stacks, named other-dev and other-prod.
    OTHER_MESH = join(parent, 'other');
    cpSync('examples/acme', OTHER_MESH, { recursive: true });
    const meshFile = join(OTHER_MESH, 'mesh.yaml');
    writeFileSync(meshFile, readFileSync(meshFile, 'utf8').replace(/^name: acme$/m, 'name: other'));
  });
  afterEach(() => removeMesh(parent));

  it('synthesizes again after the set of stacks changes, leaving exactly the new stacks', async () => {
    const out = join(parent, 'cdktf.out');
    expect(await cdktfSynth(out, 'examples/acme')).toBe(0);
    expect(readdirSync(join(out, 'stacks')).sort()).toEqual(['acme-dev', 'acme-prod']);
    // Other stack names: the CLI deletes acme-dev and acme-prod after the app ran.
    expect(await cdktfSynth(out, OTHER_MESH)).toBe(0);
    const fresh = join(parent, 'fresh');
    expect(await synthAsCdktfApp({ MESH_DIR: OTHER_MESH, CDKTF_OUTDIR: fresh }, quiet)).toBe(0);
    expect(readTree(out)).toEqual(readTree(fresh));
  }, 60_000);

  it('leaves no empty folder behind when run without a CLI (npm run synth)', async () => {
    const out = join(parent, 'cdktf.out');
    expect(await cdktfSynth(out, 'examples/acme')).toBe(0);
    const cwd = process.cwd();
    try {
      process.chdir(parent); // npm run synth writes ./cdktf.out
      expect(await synthAsCdktfApp({ MESH_DIR: OTHER_MESH }, quiet)).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(readdirSync(join(out, 'stacks')).sort()).toEqual(['other-dev', 'other-prod']);
  }, 60_000);

  it('evaluates expiry for MESHGRANT_AS_OF and prints the day first; refuses a value --as-of would refuse', async () => {
    const out = join(parent, 'cdktf.out');
    let stdout = '';
    const capture = { stdout: (t: string) => (stdout += t), stderr: () => undefined };
    // The day after the example's override ends (2030-06-30): its role is no longer synthesized.
    expect(await synthAsCdktfApp({ CDKTF_OUTDIR: out, MESH_DIR: 'examples/acme', MESHGRANT_AS_OF: '2030-07-01' }, capture)).toBe(0);
    expect(stdout.split('\n')[0]).toBe('Expiry evaluated as of 2030-07-01 (UTC, from MESHGRANT_AS_OF)');
    expect(readTree(out)['stacks/acme-dev/cdk.tf.json']).not.toContain('override-omar.haddad');
    expect(stdout).toContain('product customers.profiles: override for user omar.haddad on profiles expired after 2030-06-30');
    let stderr = '';
    const bad = { stdout: () => undefined, stderr: (t: string) => (stderr += t) };
    expect(await synthAsCdktfApp({ CDKTF_OUTDIR: out, MESH_DIR: 'examples/acme', MESHGRANT_AS_OF: '2025-07-01T01:00:00' }, bad)).toBe(2);
    expect(stderr).toBe(
      'MESHGRANT_AS_OF `2025-07-01T01:00:00`: expected a day YYYY-MM-DD, or an instant with an offset, e.g. 2026-12-01T09:00:00+01:00\n',
    );
  }, 60_000);
});

import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildMesh } from '../../lib';
import { loadMesh } from '../../lib/spec';
import { acmeMeshSpec } from '../../examples/acme-mesh';
import { synthesizeMesh } from '../../stacks/synthesize';
import { readTree } from '../cli/run-cli';
import { removeMesh } from './fixture-mesh';

describe('examples/acme synthesized', () => {
  it('gives byte-identical Terraform JSON from YAML and from TypeScript', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshgrant-acme-'));
    try {
      synthesizeMesh(loadMesh('examples/acme'), { outdir: join(dir, 'yaml') });
      synthesizeMesh(buildMesh(acmeMeshSpec), { outdir: join(dir, 'ts') });
      const yaml = readTree(join(dir, 'yaml'));
      expect(Object.keys(yaml)).toContain('stacks/acme-prod/cdk.tf.json');
      expect(yaml).toEqual(readTree(join(dir, 'ts')));
    } finally {
      removeMesh(dir);
    }
  });
});

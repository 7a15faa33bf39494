import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import os, { tmpdir } from 'os';
import { join } from 'path';
import { Mesh, buildMesh } from '../../lib';
import { PolicyReport, checkPolicies } from '../../lib/policy';
import { generateMeshSpec } from '../../bench/generator';
import { SynthesisSummary, synthesizeMesh } from '../../stacks/synthesize';
import { PARALLEL_MIN_PRODUCTS, synthesisWorkers, synthesizeMeshParallel } from '../../stacks/synthesize-parallel';
import { readTree } from '../cli/run-cli';
import { exampleMesh } from '../helpers/synth';

/** The summary without where it was written, which differs between two output directories. */
const placeless = (s: SynthesisSummary) => s.environments.map(({ file, ...e }) => ({ ...e, file: file.slice(s.outdir.length) }));

describe('synthesizeMeshParallel', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'meshgrant-parallel-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['the example mesh', exampleMesh, 2],
    [
      'a generated mesh of 60 products in 3 environments, with 2 workers for 3 stacks',
      () => buildMesh(generateMeshSpec({ products: 60, environments: 3, seed: 7 })),
      2,
    ],
  ] as const)(
    'writes %s byte for byte as in one thread, manifest.json included',
    async (_, mesh: () => Mesh, jobs) => {
      const serial = synthesizeMesh(mesh(), { outdir: join(dir, 'serial') });
      const parallel = await synthesizeMeshParallel(mesh(), { outdir: join(dir, 'parallel'), jobs });
      const files = readTree(join(dir, 'serial'));
      expect(Object.keys(files)).toEqual(['manifest.json', ...serial.environments.map((e) => `stacks/${e.stack}/cdk.tf.json`).sort()]);
      expect(readTree(join(dir, 'parallel'))).toEqual(files);
      expect(placeless(parallel)).toEqual(placeless(serial));
    },
    120_000,
  );

  it('replaces the stack files of an earlier output and keeps what others put beside them', async () => {
    const outdir = join(dir, 'out');
    mkdirSync(join(outdir, 'stacks', 'acme-dev', '.terraform'), { recursive: true });
    writeFileSync(join(outdir, 'stacks', 'acme-dev', 'cdk.tf.json'), '{}');
    writeFileSync(join(outdir, 'stacks', 'acme-dev', '.terraform', 'state'), 'init');
    await synthesizeMeshParallel(exampleMesh(), { outdir, jobs: 2 });
    synthesizeMesh(exampleMesh(), { outdir: join(dir, 'serial') });
    expect(readTree(outdir)).toEqual({ ...readTree(join(dir, 'serial')), 'stacks/acme-dev/.terraform/state': 'init' });
  }, 60_000);

  it("fails with the worker's error, as in one thread, and leaves no manifest nor scratch files", async () => {
    const mesh = exampleMesh();
    const devOnly = mesh.products.find((p) => !p.promotedTo.includes('prod'))!;
    // An open error-level finding: cdktf refuses to synthesize the stack that holds the product.
    const policy: PolicyReport = {
      ...checkPolicies(mesh),
      findings: [
        {
          rule: 'test/blocker',
          severity: 'error',
          path: [...devOnly.specPath],
          product: devOnly.id,
          message: 'blocks synthesis',
          fix: 'none',
        },
      ],
    };
    const serial = (() => {
      try {
        synthesizeMesh(mesh, { outdir: join(dir, 'serial'), policy });
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('serial synthesis did not fail');
    })();
    expect(serial).toContain('test/blocker: blocks synthesis');

    const outdir = join(dir, 'parallel');
    await expect(synthesizeMeshParallel(mesh, { outdir, policy, jobs: 2 })).rejects.toThrow(serial);
    expect(readdirSync(outdir)).toEqual(['stacks']);
  }, 60_000);

  it('passes the policy report to the workers as it is: plain data', () => {
    const mesh = exampleMesh();
    const report = checkPolicies(mesh, {
      rules: [
        {
          id: 'acme/always',
          severity: 'warning',
          description: 'd',
          rationale: 'r',
          check: () => [{ path: ['products', 0], message: 'm', fix: 'f' }],
        },
      ],
    });
    expect(report.findings.length).toBeGreaterThan(0);
    expect(structuredClone(report)).toEqual(report);
  });
});

describe('synthesisWorkers', () => {
  const big = buildMesh(generateMeshSpec({ products: 1400, environments: 3, seed: 1 }));
  const cores = (n: number) => jest.spyOn(os, 'availableParallelism').mockReturnValue(n);
  afterEach(() => jest.restoreAllMocks());

  it('starts one worker per environment with 1,000 products or more, up to the cores', () => {
    expect(PARALLEL_MIN_PRODUCTS).toBe(1_000);
    // dev and staging have 1,000 products or more, prod fewer.
    expect(big.environments.map((e) => big.productsIn(e.name).length)).toEqual([1400, 1058, 829]);
    cores(8);
    expect(synthesisWorkers(big)).toBe(2);
    cores(1);
    expect(synthesisWorkers(big)).toBe(1);
  });

  it('synthesizes in this thread when fewer than two stacks are big', () => {
    cores(8);
    expect(synthesisWorkers(exampleMesh())).toBe(1);
    // 1,300 products in dev, fewer than 1,000 in prod: the bench's N = 1000 x 2 is level with one thread.
    const oneBig = buildMesh(generateMeshSpec({ products: 1300, environments: 2, seed: 1 }));
    expect(oneBig.environments.map((e) => oneBig.productsIn(e.name).length)).toEqual([1300, 969]);
    expect(synthesisWorkers(oneBig)).toBe(1);
  });

  it('takes jobs as given, never more than the environments, and only a positive integer', () => {
    expect(synthesisWorkers(big, 1)).toBe(1);
    expect(synthesisWorkers(big, 2)).toBe(2);
    expect(synthesisWorkers(big, 16)).toBe(3);
    expect(() => synthesisWorkers(big, 0)).toThrow(RangeError);
    expect(() => synthesisWorkers(big, 1.5)).toThrow('jobs must be a positive integer, not 1.5');
  });
});

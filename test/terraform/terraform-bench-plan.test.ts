import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildMesh } from '../../lib';
import { checkPolicies } from '../../lib/policy/check-policies';
import { generateMeshSpec } from '../../bench/generator';
import { addEnvironmentStack, stackName, synthesisApp } from '../../stacks/synthesize';
import { OfflineTerraform, PlannedChanges, announceOfflineTerraform, declaredAddresses, planChanges } from './terraform-offline';

/**
 * A benchmark mesh of 200 products planned by real Terraform (offline, as terraform-plan.test.ts):
 * every resource of its largest environment's stack, which holds all 200 products, planned for
 * creation once, with no error. The other environment is the same constructs over a subset of
 * the products, and the example and random meshes already plan both; planning it too would add
 * 70% to the longest step of CI (figures and budget in docs/terraform-plan.md).
 */
const tf = announceOfflineTerraform('terraform benchmark plan');
const describeWithTerraform = tf ? describe : describe.skip;

const PRODUCTS = 200;
const ENVIRONMENT = 'dev';

describeWithTerraform(`real Terraform plans a ${PRODUCTS}-product benchmark mesh`, () => {
  const mesh = buildMesh(generateMeshSpec({ products: PRODUCTS, environments: 2, seed: 7 }));
  let dir: string;
  let stack: Record<string, unknown>;
  let result: PlannedChanges;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'meshgrant-tfbench-'));
    // Synthesized as `meshgrant synth` does (no creation stack traces), which is many times
    // faster than the validating test synthesis at this size.
    const app = synthesisApp(join(dir, 'cdktf.out'));
    addEnvironmentStack(app, mesh, ENVIRONMENT, checkPolicies(mesh));
    app.synth();
    const file = join(dir, 'cdktf.out', 'stacks', stackName(mesh, ENVIRONMENT), 'cdk.tf.json');
    stack = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    result = planChanges(tf as OfflineTerraform, join(dir, 'plan'), { bench: stack });
    console.log(`terraform plan of ${result.changes.length} resources: ${JSON.stringify(result.seconds)} s`);
  }, 1_800_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`holds all ${PRODUCTS} products in the planned environment`, () => {
    expect(mesh.products.filter((p) => p.promotedTo.includes(ENVIRONMENT))).toHaveLength(PRODUCTS);
  });

  it('plans every resource of the stack for creation, each once', () => {
    expect(result.changes.map((c) => c.address).sort()).toEqual(declaredAddresses({ bench: stack }));
    expect(new Set(result.changes.map((c) => c.action))).toEqual(new Set(['create']));
  });
});

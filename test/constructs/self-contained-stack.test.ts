import { buildMesh } from '../../lib';
import { generateMeshSpec } from '../../bench/generator';
import { AwsProvider, GlueCatalogDatabase } from '../../constructs/aws';
import { App, TerraformStack, Testing } from '../../constructs/cdktf';
import { EnvironmentStack } from '../../stacks/environment-stack';
import { exampleMesh } from '../helpers/synth';

/** The JSON of one environment's stack; with `fullPreparation`, cdktf prepares every element as for any stack. */
function synth(mesh = exampleMesh(), fullPreparation = false): string {
  const stack = new EnvironmentStack(Testing.app(), `${mesh.name}-dev`, { mesh, environment: 'dev' });
  if (fullPreparation) stack.prepareStack = TerraformStack.prototype.prepareStack.bind(stack);
  return Testing.synth(stack);
}

describe('EnvironmentStack skips preparing its own elements for references to other stacks', () => {
  it.each([
    ['the example mesh', exampleMesh],
    ['a generated mesh of 40 products', () => buildMesh(generateMeshSpec({ products: 40, environments: 2, seed: 3 }))],
  ])('and writes %s byte for byte as with full preparation', (_, mesh) => {
    expect(synth(mesh())).toBe(synth(mesh(), true));
  });

  it('still prepares what is added later: a reference to another stack gets its remote state', () => {
    const app = new App({ outdir: Testing.app().outdir, stackTraces: false });
    const mesh = exampleMesh();
    const shared = new TerraformStack(app, 'shared');
    new AwsProvider(shared, 'aws', { region: 'eu-west-1' });
    const database = new GlueCatalogDatabase(shared, 'audit', { name: 'acme_audit' });
    const stack = new EnvironmentStack(app, 'acme-dev', { mesh, environment: 'dev' });
    new GlueCatalogDatabase(stack, 'audit-copy', { name: `${database.name}_copy` });
    app.synth();
    const json = JSON.parse(Testing.synth(stack)) as {
      data?: Record<string, unknown>;
      resource: { aws_glue_catalog_database: Record<string, { name: string }> };
    };
    expect(Object.keys(json.data ?? {})).toEqual(['terraform_remote_state']);
    expect(json.resource.aws_glue_catalog_database['audit-copy'].name).toMatch(
      /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-shared\.outputs\.[^}]+\}_copy$/,
    );
  });
});

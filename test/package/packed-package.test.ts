import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { parse as parseYaml } from 'yaml';

/**
 * meshgrant as a user gets it: built, packed with `npm pack`, installed from the tarball into an
 * empty folder next to one CDK flavour's peers, and used from there: the CLI, `require`, `import`,
 * a TypeScript compile under each module resolution, and a synthesis with the user's own App.
 * The default flavour (cdktn) takes its peers from this checkout's node_modules (the locked
 * versions, hard-linked); cdktf 0.21 takes them from npm once, kept in the temp directory for
 * the next run.
 */
const ROOT = join(__dirname, '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'acme');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const CDKTN_PEERS = { cdktn: '0.24.0', '@cdktn/provider-aws': '25.7.0', constructs: '10.7.2' };
const CDKTF_PEERS = { cdktf: '0.21.0', '@cdktf/provider-aws': '21.22.1', constructs: '10.7.2' };
const MINUTES = 60_000;
jest.setTimeout(2 * MINUTES);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command without a shell; the CDK flavour is chosen by what is installed unless `env` says otherwise. */
function run(cwd: string, command: string, args: readonly string[], env: Record<string, string> = {}): Run {
  const { MESHGRANT_CDK: _ignored, ...inherited } = process.env;
  const r = spawnSync(command, args, { cwd, env: { ...inherited, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** As `run`, and fails with what the command printed unless it exits 0. */
function must(cwd: string, command: string, args: readonly string[], env: Record<string, string> = {}): string {
  const r = run(cwd, command, args, env);
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.code} in ${cwd}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** `npx meshgrant <args>` in `dir`, which must exit 0; `--` keeps npx from taking `--version` for its own. */
const meshgrant = (dir: string, ...args: string[]) => must(dir, 'npx', ['--no', '--', 'meshgrant', ...args]);

const npmInstall = (dir: string, ...specs: string[]) =>
  must(dir, 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...specs]);

/** Hard-links each package folder of `from`'s node_modules into `to`'s: a copy in no time, and no download. */
function linkPackages(from: string, to: string, names: readonly string[]): void {
  for (const name of names) {
    mkdirSync(dirname(join(to, 'node_modules', name)), { recursive: true });
    must(ROOT, 'cp', ['-al', join(from, 'node_modules', name), join(to, 'node_modules', name)]);
  }
}

/** cdktf 0.21's peers from npm, installed once per version set and kept for later runs (renamed into place when complete). */
function cdktfPeers(): string {
  const dir = join(
    tmpdir(),
    `meshgrant-test-peers-${Object.entries(CDKTF_PEERS)
      .map(([n, v]) => `${n.replace('/', '+')}@${v}`)
      .join('-')}`,
  );
  if (existsSync(dir)) return dir;
  const partial = mkdtempSync(`${dir}.partial-`);
  writeFileSync(join(partial, 'package.json'), JSON.stringify({ name: 'peers', private: true }));
  npmInstall(partial, ...Object.entries(CDKTF_PEERS).map(([n, v]) => `${n}@${v}`));
  try {
    renameSync(partial, dir);
  } catch {
    rmSync(partial, { recursive: true, force: true }); // another run got there first
  }
  return dir;
}

/** An empty folder with the peers (and @types/node, as any TypeScript app has) and meshgrant installed from `tarball`. */
function consumer(dir: string, tarball: string, peers: Record<string, string>, peersFrom: string): string {
  mkdirSync(dir, { recursive: true });
  linkPackages(peersFrom, dir, Object.keys(peers));
  linkPackages(ROOT, dir, ['@types/node', 'undici-types']);
  const typesNode = (JSON.parse(readFileSync(join(ROOT, 'node_modules', '@types', 'node', 'package.json'), 'utf8')) as { version: string })
    .version;
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, dependencies: peers, devDependencies: { '@types/node': typesNode } }, null, 2),
  );
  npmInstall(dir, tarball);
  return dir;
}

/** A stack of a synthesized output directory, parsed. */
function stack(outdir: string, name: string): Json {
  return JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as Json;
}

/** What differs by flavour in a stack: the CDK version in the metadata and the provider requirement. */
function flavourFields(s: Json): unknown {
  return { cdkVersion: s['//'].metadata.version, awsProvider: s.terraform.required_providers.aws };
}

/** Everything else. */
function withoutFlavourFields(s: Json): unknown {
  const copy = structuredClone(s);
  delete copy['//'].metadata.version;
  delete copy.terraform.required_providers;
  return copy;
}

/** A user's app: the App comes from the user's own cdktf import, the stack from meshgrant. */
const CDKTF_USER_APP = `
const { App } = require('cdktf');
const { loadMesh } = require('meshgrant');
const { EnvironmentStack } = require('meshgrant/stacks');
const app = new App({ outdir: process.argv[3] });
new EnvironmentStack(app, 'acme-dev', { mesh: loadMesh(process.argv[2]), environment: 'dev' });
app.synth();
`;

let work: string;
let tarball: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'meshgrant-packed-'));
  must(ROOT, 'npm', ['run', '--silent', 'build']);
  const packed = must(ROOT, 'npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work]).trim().split('\n').pop()!;
  tarball = join(work, packed);
}, 5 * MINUTES);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed tarball, installed into an empty folder with cdktn', () => {
  let dir: string;
  beforeAll(() => {
    dir = consumer(join(work, 'cdktn-app'), tarball, CDKTN_PEERS, ROOT);
  }, 3 * MINUTES);

  it('runs the CLI: --version, --help, validate and synth', () => {
    expect(meshgrant(dir, '--version')).toBe(`${VERSION}\n`);
    const help = meshgrant(dir, '--help');
    for (const command of ['validate', 'synth', 'access', 'diff', 'promote-check', 'impact', 'graph'])
      expect(help).toContain(`  ${command} `);
    // The example also records an expired purpose member, which validate lists after the verdict.
    expect(meshgrant(dir, 'validate', EXAMPLE)).toMatch(/^mesh acme is valid: 6 products, 2 environments, 3 purposes\n/);
    meshgrant(dir, 'synth', EXAMPLE, '--out', join(dir, 'cdktf.out'));
    expect(flavourFields(stack(join(dir, 'cdktf.out'), 'acme-dev'))).toEqual({
      cdkVersion: '0.24.0',
      awsProvider: { source: 'hashicorp/aws', version: '6.66.0' },
    });
  });

  it('loads with require, the core and the constructs', () => {
    const script = `const m = require('meshgrant'); const c = require('meshgrant/constructs');
      console.log(m.loadMesh(process.argv[1]).products.length, typeof c.LakeProduct, require('meshgrant/package.json').version);`;
    expect(must(dir, 'node', ['-e', script, EXAMPLE])).toBe(`6 function ${VERSION}\n`);
  });

  it('loads with import from an ES module, and synthesizes with the user app of cdktn', () => {
    writeFileSync(
      join(dir, 'app.mjs'),
      `import { App } from 'cdktn';
import { loadMesh } from 'meshgrant';
import { LakeProduct } from 'meshgrant/constructs';
import { EnvironmentStack } from 'meshgrant/stacks';
const app = new App({ outdir: process.argv[3] });
const stack = new EnvironmentStack(app, 'acme-dev', { mesh: loadMesh(process.argv[2]), environment: 'dev' });
app.synth();
console.log(stack.node.findAll().filter((c) => c instanceof LakeProduct).length);
`,
    );
    expect(must(dir, 'node', ['app.mjs', EXAMPLE, join(dir, 'app.out')])).toBe('6\n');
    expect(stack(join(dir, 'app.out'), 'acme-dev').resource).toEqual(stack(join(dir, 'cdktf.out'), 'acme-dev').resource);
  });

  it.each([
    ['node10', { module: 'commonjs', moduleResolution: 'node10' }, ['app.ts']],
    ['node16', { module: 'node16', moduleResolution: 'node16' }, ['app.ts', 'app.mts']],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }, ['app.ts']],
  ])('type-checks a TypeScript app against meshgrant/constructs under moduleResolution %s', (name, options, files) => {
    // The @ts-expect-error lines prove the types are meshgrant's, not `any`: unused, they fail the compile. The
    // declarations' own validity is checked where tsc emits them (npm run build), so skipLibCheck saves a minute here.
    const source = `import { App } from 'cdktn';
import { loadMesh, Mesh } from 'meshgrant';
import { LakeProduct, LakeFoundation } from 'meshgrant/constructs';
import { EnvironmentStack } from 'meshgrant/stacks';
export function build(mesh: Mesh): LakeProduct[] {
  const stack = new EnvironmentStack(new App(), 'acme-dev', { mesh, environment: 'dev' });
  // @ts-expect-error an environment is named by a string
  new EnvironmentStack(new App(), 'acme-prod', { mesh, environment: 2 });
  const foundation: typeof LakeFoundation = LakeFoundation;
  void foundation;
  return stack.node.findAll().filter((c): c is LakeProduct => c instanceof LakeProduct);
}
// @ts-expect-error loadMesh takes a directory
loadMesh(42);
`;
    for (const file of files) writeFileSync(join(dir, file), source);
    const tsconfig = `tsconfig.${name}.json`;
    writeFileSync(
      join(dir, tsconfig),
      JSON.stringify({
        compilerOptions: { ...options, target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
        files,
      }),
    );
    expect(run(dir, process.execPath, [require.resolve('typescript/bin/tsc'), '-p', tsconfig])).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
  });

  it('fails with 2 and says what to install when MESHGRANT_CDK names a flavour that is not installed, or none', () => {
    const synth = (flavour: string) =>
      run(dir, 'npx', ['--no', '--', 'meshgrant', 'synth', EXAMPLE, '--out', join(dir, 'other.out')], { MESHGRANT_CDK: flavour });
    expect(synth('cdktf')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'meshgrant synth: MESHGRANT_CDK=cdktf, but cdktf or @cdktf/provider-aws is not installed: npm install cdktf @cdktf/provider-aws constructs\n',
    });
    expect(synth('cdk\u001b[2J')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'meshgrant synth: MESHGRANT_CDK must be cdktn or cdktf, not "cdk\\u001b[2J"\n',
    });
  });
});

describe('the packed tarball with cdktf 0.21 instead', () => {
  let dir: string;
  beforeAll(() => {
    dir = consumer(join(work, 'cdktf-app'), tarball, CDKTF_PEERS, cdktfPeers());
  }, 5 * MINUTES);

  it('synthesizes the example as with cdktn, but for the CDK version and the provider requirement', () => {
    meshgrant(dir, 'synth', EXAMPLE, '--out', join(dir, 'cdktf.out'));
    const cdktnOut = join(work, 'cdktn-app', 'cdktf.out');
    for (const name of ['acme-dev', 'acme-prod']) {
      const [cdktf, cdktn] = [stack(join(dir, 'cdktf.out'), name), stack(cdktnOut, name)];
      expect(flavourFields(cdktf)).toEqual({ cdkVersion: '0.21.0', awsProvider: { source: 'aws', version: '6.25.0' } });
      expect(flavourFields(cdktn)).toEqual({ cdkVersion: '0.24.0', awsProvider: { source: 'hashicorp/aws', version: '6.66.0' } });
      expect(withoutFlavourFields(cdktf)).toEqual(withoutFlavourFields(cdktn));
    }
  });

  it("synthesizes with the user app of cdktf: meshgrant's constructs use the app's cdktf", () => {
    writeFileSync(join(dir, 'app.js'), CDKTF_USER_APP);
    must(dir, 'node', ['app.js', EXAMPLE, join(dir, 'app.out')]);
    expect(stack(join(dir, 'app.out'), 'acme-dev').resource).toEqual(stack(join(dir, 'cdktf.out'), 'acme-dev').resource);
  });
});

/** A step of a GitHub workflow job, as far as running it locally goes. */
interface WorkflowStep {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, string>;
}

/** The steps of a workflow file's jobs, in the order the file lists them (which is the order of `needs` here). */
function workflowSteps(file: string): { job: string; step: WorkflowStep }[] {
  const workflow = parseYaml(readFileSync(file, 'utf8')) as { jobs: Record<string, { steps: WorkflowStep[] }> };
  return Object.entries(workflow.jobs).flatMap(([job, { steps }]) => steps.map((step) => ({ job, step })));
}

describe('a mesh repository written by `meshgrant init`, with the packed meshgrant installed', () => {
  let repo: string;
  const DEPLOY = /^npx --yes cdktn-cli@0\.24 deploy (\S+) --skip-synth --auto-approve$/;

  beforeAll(() => {
    const consumerDir = join(work, 'cdktn-app');
    if (!existsSync(join(consumerDir, 'node_modules', 'meshgrant'))) consumer(consumerDir, tarball, CDKTN_PEERS, ROOT);
    repo = join(work, 'acme-mesh');
    meshgrant(consumerDir, 'init', repo, '--name', 'acme', '--account', 'dev=111111111111', '--account', 'prod=222222222222');
    // `npm ci` of the workflows, offline: the peers from this checkout, meshgrant from the tarball, into init's package.json.
    linkPackages(ROOT, repo, Object.keys(CDKTN_PEERS));
    npmInstall(repo, tarball);
  }, 3 * MINUTES);

  it("runs the pull-request workflow's commands in order: validate writes SARIF and Markdown, diff finds the widening", () => {
    const output = join(repo, 'github-output');
    writeFileSync(output, '');
    const ran: string[] = [];
    for (const { job, step } of workflowSteps(join(repo, '.github/workflows/meshgrant-pull-request.yml'))) {
      if (step.uses?.startsWith('actions/checkout') && step.with?.path === 'base') {
        // The base branch: the same mesh before the analyst was granted read.
        cpSync(join(repo, 'mesh'), join(repo, 'base', 'mesh'), { recursive: true });
        const product = join(repo, 'base', 'mesh', 'products', 'sales.orders.yaml');
        writeFileSync(product, readFileSync(product, 'utf8').replace(/^ {2}- \{ role: analyst, port: orders, level: read \}.*\n/m, ''));
      }
      if (step.run === undefined || step.run === 'npm ci' || job === 'approve-widening') continue;
      must(repo, 'bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { GITHUB_OUTPUT: output });
      ran.push(step.name ?? step.run);
    }
    expect(ran).toEqual([
      'Validate the mesh',
      'Synthesize the pull request',
      'Synthesize the base branch',
      'Check promotion from dev to prod',
      'Diff access (exit 3 when access widens)',
    ]);
    const sarif = JSON.parse(readFileSync(join(repo, 'meshgrant.sarif'), 'utf8')) as Json;
    expect(sarif.version).toBe('2.1.0');
    expect(readFileSync(join(repo, 'validate.md'), 'utf8')).toContain('acme');
    expect(readFileSync(output, 'utf8')).toBe('widens=true\n');
    expect(readFileSync(join(repo, 'access-diff.md'), 'utf8')).toContain('| + | prod | sales.orders/analyst |');
  });

  it("runs the deploy workflow's commands up to the deployment, whose stacks are the synthesized ones", () => {
    const deployed: string[] = [];
    for (const { step } of workflowSteps(join(repo, '.github/workflows/meshgrant-deploy.yml'))) {
      const stack = DEPLOY.exec(step.run ?? '')?.[1];
      if (stack !== undefined) {
        expect(existsSync(join(repo, 'cdktf.out', 'stacks', stack, 'cdk.tf.json'))).toBe(true);
        deployed.push(stack);
      } else if (step.run !== undefined && step.run !== 'npm ci')
        must(repo, 'bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run]);
    }
    expect(deployed).toEqual(['acme-dev', 'acme-prod']);
  });

  it("runs the nightly workflow's commands: synthesize, then the expiring access as Markdown for the issue", () => {
    const ran = workflowSteps(join(repo, '.github/workflows/meshgrant-nightly.yml')).flatMap(({ step }) => {
      if (step.run === undefined || step.run === 'npm ci') return [];
      must(repo, 'bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run]);
      return [step.name];
    });
    expect(ran).toEqual(['Synthesize', 'List access that expires soon']);
    expect(readFileSync(join(repo, 'expiring.md'), 'utf8')).not.toBe('');
  });
});

import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { BASE_MESH } from '../spec/fixture-mesh';

/**
 * One hostile input: a folder under test/fixtures/hostile/ holding `case.json` and, beside it,
 * any files the case needs (a mesh, a `cdktf.out`, a directory snapshot). The runner copies the
 * folder into a fresh temporary directory `{dir}` (symlinks kept as links), lays the valid base
 * mesh under `{dir}/mesh` first when `base` is set, removes `remove`, writes `files` over it, creates the special
 * files git cannot hold, runs `meshgrant <args>` and checks the exit code and the messages.
 * Synthesized stacks for the report commands are small hand-written ones (test/fixtures/cdktf/),
 * each case naming what it changes in them (`stacks`).
 */
export interface HostileCase {
  /** What an attacker or a careless user does, in one sentence. */
  readonly description: string;
  /** Copy test/fixtures/base to `{dir}/mesh` before the case's own files. */
  readonly base?: boolean;
  /** Paths relative to `{dir}` removed (recursively) from the base mesh before `files` are written. */
  readonly remove?: readonly string[];
  /** Files written relative to `{dir}`, over the base mesh and the case's own files. */
  readonly files?: Readonly<Record<string, string>>;
  /**
   * Synthesized stacks, by path relative to `{dir}` (`new/stacks/shop-prod/cdk.tf.json`): the
   * stack `base` of test/fixtures/cdktf/ (`shop-prod`) with the values `set` at JSON pointers
   * (`/resource/aws_iam_role/analyst/name`).
   */
  readonly stacks?: Readonly<Record<string, { readonly base: string; readonly set?: Readonly<Record<string, unknown>> }>>;
  /**
   * Special files: a symlink to `symlink`, a FIFO, or a file of `size` bytes (a YAML comment,
   * too big to keep in case.json). Paths relative to `{dir}`.
   */
  readonly special?: readonly { readonly path: string; readonly symlink?: string; readonly fifo?: true; readonly size?: number }[];
  /** The CLI's arguments; `{dir}` stands for the case's temporary directory. */
  readonly args: readonly string[];
  /** The exit code meshgrant must end with. */
  readonly exit: number;
  /** Texts that must each appear, verbatim (after `{dir}` substitution), in stdout or stderr. */
  readonly expect: readonly string[];
  /** Texts that must appear nowhere in the output (a secret, a file's content). */
  readonly absent?: readonly string[];
  /**
   * Files the command writes (paths relative to `{dir}`), each with texts that must appear in it
   * verbatim: e.g. a synthesized stack holding a user's `${...}` escaped as `$${...}`.
   */
  readonly written?: Readonly<Record<string, readonly string[]>>;
  /**
   * Run in a child process with a time limit: for inputs that could block the process (FIFOs,
   * endless devices), so that a regression fails the test instead of hanging the suite.
   */
  readonly isolate?: boolean;
}

export const HOSTILE_DIR = join(__dirname, '..', 'fixtures', 'hostile');
const STACKS_DIR = join(__dirname, '..', 'fixtures', 'cdktf');

export function hostileCaseNames(): string[] {
  return readdirSync(HOSTILE_DIR)
    .filter((name) => existsSync(join(HOSTILE_DIR, name, 'case.json')))
    .sort();
}

export function readHostileCase(name: string): HostileCase {
  return JSON.parse(readFileSync(join(HOSTILE_DIR, name, 'case.json'), 'utf8')) as HostileCase;
}

/** Lays out the case in a new temporary directory and returns it. */
export function layOutCase(name: string, c: HostileCase): string {
  const dir = mkdtempSync(join(tmpdir(), `meshgrant-hostile-${name}-`));
  if (c.base) cpSync(BASE_MESH, join(dir, 'mesh'), { recursive: true });
  cpSync(join(HOSTILE_DIR, name), dir, { recursive: true, verbatimSymlinks: true, filter: (src) => !src.endsWith('case.json') });
  for (const path of c.remove ?? []) rmSync(join(dir, path), { recursive: true });
  for (const [path, text] of Object.entries(c.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  for (const [path, { base, set }] of Object.entries(c.stacks ?? {})) {
    const json = JSON.parse(readFileSync(join(STACKS_DIR, `${base}.json`), 'utf8')) as unknown;
    const stack = Object.entries(set ?? {}).reduce((doc, [pointer, value]) => setAt(doc, pointer, value), json);
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), JSON.stringify(stack, null, 2));
  }
  for (const s of c.special ?? []) {
    const path = join(dir, s.path);
    mkdirSync(dirname(path), { recursive: true });
    if (s.symlink !== undefined) symlinkSync(s.symlink, path);
    else if (s.fifo) spawnSync('mkfifo', [path]);
    else if (s.size !== undefined) writeFileSync(path, `#${' '.repeat(s.size - 2)}\n`);
  }
  return dir;
}

/**
 * `doc` with `value` at a JSON pointer (RFC 6901), creating objects on the way; the whole
 * document when the pointer is empty.
 */
function setAt(doc: unknown, pointer: string, value: unknown): unknown {
  if (pointer === '') return value;
  const keys = pointer
    .slice(1)
    .split('/')
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop()!;
  let node = doc as Record<string, unknown>;
  for (const k of keys) node = (node[k] ??= {}) as Record<string, unknown>;
  node[last] = value;
  return doc;
}

export interface CaseRun {
  readonly code: number | null;
  readonly output: string;
  readonly timedOut: boolean;
}

/** Runs meshgrant in a child process, killed after `seconds`. */
export function runIsolated(args: readonly string[], seconds: number): CaseRun {
  const main = join(__dirname, '..', '..', 'cli', 'main');
  const script = `require(${JSON.stringify(main)}).runCli(JSON.parse(process.argv[1])).then((c) => { process.exitCode = c; })`;
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script, JSON.stringify(args)], {
    encoding: 'utf8',
    timeout: seconds * 1000,
    env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', 'tsconfig.json') },
  });
  return { code: r.status, output: `${r.stdout}${r.stderr}`, timedOut: r.error !== undefined };
}

import { randomBytes } from 'crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'fs';
import { hostname } from 'os';
import { basename, dirname, join, resolve } from 'path';
import { CliError } from './cli-command';

/**
 * The file by which meshgrant recognises a directory it wrote, and so may replace. Not
 * `manifest.json`: any project may hold one (a browser extension does).
 */
export const OUTPUT_MARKER = '.meshgrant-output';

const MARKER_TEXT = 'Written by `meshgrant synth`. The next run replaces this whole directory: keep nothing else here.\n';

/**
 * Fills a fresh sibling directory of `target`, then swaps it in with two renames, so that a run
 * that fails, at any point, leaves what was at `target` as it was. Only an empty directory or one
 * that holds {@link OUTPUT_MARKER} (meshgrant's earlier output) is replaced; the new one gets the
 * marker. Staging directories that killed runs left beside `target` are removed first.
 * @throws CliError when `target` cannot or may not be replaced; whatever `fill` throws
 */
export async function replaceDirectory<T>(target: string, fill: (dir: string) => T | Promise<T>): Promise<T> {
  const path = resolve(target);
  checkReplaceable(path, target);
  removeAbandonedStaging(path);
  // A sibling, so the final rename stays on one file system; mkdir (not mkdtemp) honours the umask.
  const staging = stagingPath(path, process.pid, randomBytes(4).toString('hex'));
  fsStep(`cannot create ${staging}`, () => mkdirSync(staging, { recursive: true }));
  let result: T;
  try {
    result = await fill(staging);
    fsStep(`cannot write ${join(staging, OUTPUT_MARKER)}`, () => writeFileSync(join(staging, OUTPUT_MARKER), MARKER_TEXT));
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  const previous = `${staging}${OLD}`;
  fsStep(`cannot replace ${target}`, () => {
    if (existsSync(path)) renameSync(path, previous);
    try {
      renameSync(staging, path);
    } catch (e) {
      if (existsSync(previous)) renameSync(previous, path);
      rmSync(staging, { recursive: true, force: true });
      throw e;
    }
  });
  rmSync(previous, { recursive: true, force: true });
  return result;
}

function checkReplaceable(path: string, target: string): void {
  if (!existsSync(path)) return;
  if (!statSync(path).isDirectory()) throw new CliError(`${target} exists and is not a directory`);
  const entries = readdirSync(path);
  if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
    throw new CliError(
      `refusing to replace ${target}: it holds files but no ${OUTPUT_MARKER}, so meshgrant did not write it ` +
        '(choose another --out; if it is the output of a meshgrant release older than this marker, delete it yourself)',
    );
  }
}

/**
 * Where the run of process `pid` on this host fills the next output for `target`:
 * `.cdktf.out.meshgrant-staging.<host>.<pid>.<id>` beside it (`id`: 8 hexadecimal digits).
 */
export function stagingPath(target: string, pid: number, id: string): string {
  const path = resolve(target);
  return join(dirname(path), `${stagingPrefix(path)}${HOST}.${pid}.${id}`);
}

/** What begins the name of every staging directory of `path`. */
const stagingPrefix = (path: string) => `.${basename(path)}.meshgrant-staging.`;

/** The host, as staging names carry it: a process id means something only on its own host. */
const HOST =
  hostname()
    .replace(/[^A-Za-z0-9-]/g, '')
    .slice(0, 32) || 'host';

/** Suffix of the earlier output while it is swapped out. */
const OLD = '.old';

/**
 * Removes the staging directories of runs killed before they could clean up: only those named
 * for `path` by this host whose process is gone, and only directories (not links). An earlier
 * output swapped out by a run killed between its two renames is put back when `path` is missing.
 * Best effort: what cannot be removed stays, and the run goes on.
 */
function removeAbandonedStaging(path: string): void {
  const parent = dirname(path);
  const prefix = stagingPrefix(path);
  let names: string[];
  try {
    names = readdirSync(parent)
      .filter((n) => n.startsWith(prefix))
      .sort();
  } catch {
    return;
  }
  // Earlier outputs first, so that one can be put back before the rest goes.
  for (const name of [...names.filter((n) => n.endsWith(OLD)), ...names.filter((n) => !n.endsWith(OLD))]) {
    const [host, pid, rest] = name.slice(prefix.length).split('.');
    if (host !== HOST || !/^[1-9][0-9]*$/.test(pid ?? '') || !/^[0-9a-f]{8}$/.test(rest ?? '') || isRunning(Number(pid))) continue;
    const staging = join(parent, name);
    try {
      if (!lstatSync(staging).isDirectory()) continue;
      if (name.endsWith(OLD) && !existsSync(path)) renameSync(staging, path);
      else rmSync(staging, { recursive: true, force: true });
    } catch {
      // Another run is cleaning up too, or permissions: leave it.
    }
  }
}

/** Whether a process of this host runs under `pid` (one of another user counts). */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs a file-system step; its failure (permissions, full disk) is the user's to fix, not a crash. */
function fsStep<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (e) {
    throw new CliError(`${what}: ${(e as Error).message}`);
  }
}

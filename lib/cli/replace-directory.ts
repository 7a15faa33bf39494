import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'fs';
import { basename, dirname, join, resolve } from 'path';
import { CliError } from './cli-command';

/**
 * Fills a fresh sibling directory of `target`, then swaps it in with two renames, so that a run
 * that fails, at any point, leaves what was at `target` as it was.
 * @param marker a file every earlier output holds; a non-empty directory without it is not
 *   replaced, so that a mistyped `--out` cannot delete someone's files
 * @throws CliError when `target` cannot be replaced; whatever `fill` throws
 */
export async function replaceDirectory<T>(target: string, marker: string, fill: (dir: string) => T | Promise<T>): Promise<T> {
  const path = resolve(target);
  checkReplaceable(path, target, marker);
  // A sibling, so the final rename stays on one file system; mkdir (not mkdtemp) honours the umask.
  const staging = join(dirname(path), `.${basename(path)}.new-${randomBytes(4).toString('hex')}`);
  fsStep(`cannot create ${staging}`, () => mkdirSync(staging, { recursive: true }));
  let result: T;
  try {
    result = await fill(staging);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  const previous = `${staging}.old`;
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

function checkReplaceable(path: string, target: string, marker: string): void {
  if (!existsSync(path)) return;
  if (!statSync(path).isDirectory()) throw new CliError(`${target} exists and is not a directory`);
  const entries = readdirSync(path);
  if (entries.length > 0 && !entries.includes(marker)) {
    throw new CliError(`refusing to replace ${target}: it holds files but no ${marker}, so it is not earlier output`);
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

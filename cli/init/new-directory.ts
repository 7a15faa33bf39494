import { closeSync, constants, lstatSync, mkdirSync, openSync, readdirSync, writeSync } from 'fs';
import { dirname, join } from 'path';
import { printable } from '../../lib/input/printable';
import { fsErrorReason } from '../../lib/input/read-input-file';
import { CliError } from '../cli-command';

/** A file to create, with its path relative to the new directory (`/` separators). */
export interface NewFile {
  readonly path: string;
  readonly text: string;
}

/**
 * Creates `dir` (or takes it when it is an empty directory) and writes `files` into it, never
 * over anything: a folder that holds anything, a symbolic link (even to an empty folder: what
 * it leads to is not what the user named) or any other kind of file is refused before a byte
 * is written, and every file is created exclusively (`O_EXCL | O_NOFOLLOW`), so that a file or
 * link that appears meanwhile stops the write instead of being followed or replaced.
 * @throws CliError naming what is in the way
 */
export function writeNewDirectory(dir: string, files: readonly NewFile[]): void {
  const shown = `\`${printable(dir)}\``;
  const kind = kindAt(dir);
  if (kind === 'directory') {
    const entries = attempt(shown, () => readdirSync(dir));
    if (entries.length > 0)
      throw new CliError(
        `${shown} is not empty (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}); init writes only into a new or empty folder and overwrites nothing`,
      );
  } else if (kind !== undefined) {
    throw new CliError(`${shown} is ${kind}; init writes only into a new or empty folder`);
  } else {
    attempt(shown, () => mkdirSync(dir, { recursive: true }));
  }
  const made = new Set<string>();
  for (const file of files) {
    const folder = dirname(file.path);
    for (let f = folder; f !== '.' && !made.has(f); f = dirname(f)) made.add(f);
  }
  // Parents first: `a` before `a/b`.
  for (const folder of [...made].sort()) attempt(shown, () => mkdirSync(join(dir, folder)));
  for (const file of files) {
    attempt(shown, () => {
      const fd = openSync(join(dir, file.path), constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
      try {
        writeSync(fd, file.text);
      } finally {
        closeSync(fd);
      }
    });
  }
}

/** What is at `path`, not following a link: undefined when nothing is. */
function kindAt(path: string): string | undefined {
  let stats;
  try {
    stats = lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`cannot use \`${printable(path)}\`: ${fsErrorReason(e)}`);
  }
  if (stats.isDirectory()) return 'directory';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isFile()) return 'a file';
  return 'not a folder (a device, FIFO or socket)';
}

function attempt<T>(shown: string, call: () => T): T {
  try {
    return call();
  } catch (e) {
    throw new CliError(`cannot write the mesh repository in ${shown}: ${fsErrorReason(e)}`);
  }
}

import { Stats, closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'fs';
import { sep } from 'path';
import { printable } from './printable';

/** The most a file of one kind may hold; a bigger file is refused before it is read whole. */
export interface InputLimit {
  readonly bytes: number;
  /** The kind of file, as a message names it: `a mesh file`. */
  readonly of: string;
}

const MiB = 1024 * 1024;

/** The limit of each kind of file meshgrant reads (docs/spec.md, "Files"). */
export const INPUT_LIMITS = {
  /** A mesh file (mesh.yaml, a product file): 1 MiB is some 20,000 lines of YAML. */
  meshFile: { bytes: MiB, of: 'a mesh file' },
  /** A directory snapshot file (SCIM export): 64 MiB holds some 50,000 users. */
  directoryFile: { bytes: 64 * MiB, of: 'a directory snapshot file' },
  /** A synthesized stack read back (`cdk.tf.json`): 256 MiB, several times a 1,000-product stack. */
  stackFile: { bytes: 256 * MiB, of: 'a synthesized stack' },
  /** A CloudTrail log file as stored (gzip or plain): CloudTrail delivers files of a few MiB every 5 minutes. */
  cloudTrailFile: { bytes: 64 * MiB, of: 'a CloudTrail log file' },
  /** A CloudTrail log file once decompressed: a gzip bomb stops here. */
  cloudTrailRecords: { bytes: 256 * MiB, of: 'a decompressed CloudTrail log file' },
} as const satisfies Record<string, InputLimit>;

/** A file that meshgrant refuses to read, or cannot; the message names no content of it. */
export class InputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputFileError';
  }
}

/** How a file read from the user is constrained. */
export interface InputFileOptions {
  /** Refuse a file bigger than this (one of {@link INPUT_LIMITS}). */
  readonly limit: InputLimit;
  /**
   * A directory the file must lie in once symbolic links are resolved (the mesh directory):
   * a link to a file inside it is followed, a link leading out of it is refused.
   * @default - no containment: the user named the file on the command line
   */
  readonly within?: string;
}

/**
 * Reads a file the user gave as UTF-8 text, refusing what is not a plain file of reasonable
 * size: a symbolic link out of `within`, a FIFO (reading it would block), a device (`/dev/zero`
 * never ends), a directory, a file bigger than `limit`. Files of /proc report a size of 0, so
 * the limit is enforced on what is read, not only on the size the file system states.
 * @throws InputFileError with a message that quotes nothing of the file
 */
export function readInputFile(path: string, options: InputFileOptions): string {
  return readInputBytes(path, options).toString('utf8');
}

/** {@link readInputFile}, as bytes (a compressed file). @throws InputFileError as it does */
export function readInputBytes(path: string, options: InputFileOptions): Buffer {
  const real = resolveWithin(path, options.within);
  // lstat before open: opening a device can act on it (a tape rewinds), and a FIFO blocks.
  const kind = kindOf(fsCall(() => lstatSync(real)));
  if (kind !== undefined) throw new InputFileError(`is ${kind}, not a regular file; meshgrant reads only regular files`);
  const fd = fsCall(() => openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK));
  try {
    // The file may have been swapped between lstat and open.
    const stats = fstatSync(fd);
    const swapped = kindOf(stats);
    if (swapped !== undefined) throw new InputFileError(`is ${swapped}, not a regular file; meshgrant reads only regular files`);
    if (stats.size > options.limit.bytes) throw tooBig(options.limit);
    return readAtMost(fd, options.limit, stats.size);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether `path` (a directory) lies in `within` once symbolic links are resolved; e.g. for
 * `products/`, which must not lead out of the mesh directory.
 * @throws InputFileError when it does not, or cannot be resolved
 */
export function resolveWithin(path: string, within: string | undefined): string {
  const real = fsCall(() => realpathSync(path));
  if (within === undefined) return real;
  const root = fsCall(() => realpathSync(within));
  if (real !== root && !real.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) {
    throw new InputFileError(
      `is a symbolic link to \`${printable(real)}\`, outside \`${printable(within)}\`; meshgrant reads no file outside the mesh directory`,
    );
  }
  return real;
}

function tooBig(limit: InputLimit): InputFileError {
  return new InputFileError(`is larger than ${formatBytes(limit.bytes)}, the most meshgrant reads from ${limit.of}`);
}

/**
 * Reads up to `limit` bytes; one byte more means the file is too big. The first read asks for
 * the size the file system states (a 40 MB stack in one buffer, not in 600 copied chunks); files
 * that state none (/proc) are read in chunks.
 */
function readAtMost(fd: number, limit: InputLimit, statedSize: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const size = Math.min(Math.max(64 * 1024, total === 0 ? statedSize + 1 : 0), limit.bytes + 1 - total);
    const chunk = Buffer.allocUnsafe(size);
    const n = fsCall(() => readSync(fd, chunk, 0, chunk.length, null));
    // One chunk (a file of the size stated) is returned as read: concat would copy it whole.
    if (n === 0) return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > limit.bytes) throw tooBig(limit);
  }
}

/** What a non-regular file is, in words; undefined for a regular file. */
function kindOf(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'a symbolic link';
}

/** A failing file-system call as a message without the path (the caller names the file). */
function fsCall<T>(call: () => T): T {
  try {
    return call();
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(`could not be read: ${fsErrorReason(e)}`);
  }
}

/** Why a file-system call failed, in words, without the path the error message repeats. */
export function fsErrorReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return ERRORS[code ?? ''] ?? code ?? (e as Error).message;
}

const ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file, or a symbolic link to nothing',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'a loop of symbolic links',
  ENOTDIR: 'a part of its path is not a directory',
  EISDIR: 'a directory',
};

function formatBytes(bytes: number): string {
  return bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`;
}

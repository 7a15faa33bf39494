import { Dirent, readdirSync, statSync } from 'fs';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import { isObject } from '../input/json-object';
import { INPUT_LIMITS, InputFileError, fsErrorReason, readInputBytes } from '../input/read-input-file';

/** A file, or a record in it, that audit could not read; the message quotes nothing of its content. */
export interface CloudTrailProblem {
  readonly file: string;
  readonly message: string;
}

/** One record of a log file, with where it was found. */
export interface CloudTrailRecord {
  readonly file: string;
  /** Position in the file's `Records`. */
  readonly index: number;
  readonly record: unknown;
}

/** What reading the logs found, besides the records. */
export interface CloudTrailReading {
  readonly records: readonly CloudTrailRecord[];
  /** Log files read. */
  readonly files: number;
  /** Digest files (`CloudTrail-Digest/`), which hold hashes, not events: skipped. */
  readonly digests: number;
  /** Files and links not read, each with why. */
  readonly problems: readonly CloudTrailProblem[];
}

/** Directories deeper than this are not walked (CloudTrail's own layout is 7 levels deep). */
const MAX_DEPTH = 24;
const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Reads CloudTrail log files as CloudTrail writes them to S3 (`{"Records": [...]}`, gzip or
 * plain): one file, or every `*.json` and `*.json.gz` under a directory, walked recursively in
 * name order. Hostile input is refused file by file, never followed or trusted: a symbolic link
 * inside the directory is not followed, a file that is not a regular file, larger than
 * {@link INPUT_LIMITS}.cloudTrailFile, decompressing beyond `cloudTrailRecords`, not JSON or
 * without `Records` is reported and skipped.
 * @throws InputFileError when `path` itself cannot be read (the command cannot run)
 */
export function readCloudTrail(path: string): CloudTrailReading {
  const records: CloudTrailRecord[] = [];
  const problems: CloudTrailProblem[] = [];
  let files = 0;
  let digests = 0;
  const readFile = (file: string) => {
    const found = recordsOf(file);
    if (found === 'digest') digests++;
    else if (typeof found === 'string') problems.push({ file, message: found });
    else {
      files++;
      found.forEach((record, index) => records.push({ file, index, record }));
    }
  };
  const walk = (dir: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (e) {
      problems.push({ file: dir, message: `could not be listed: ${fsErrorReason(e)}` });
      return;
    }
    for (const entry of entries) {
      const p = join(dir, entry.name);
      if (entry.isSymbolicLink())
        problems.push({ file: p, message: 'is a symbolic link; audit does not follow links inside a log directory' });
      else if (entry.isDirectory()) {
        if (depth >= MAX_DEPTH) problems.push({ file: p, message: `is more than ${MAX_DEPTH} directories deep; not walked` });
        else walk(p, depth + 1);
      } else if (/\.json(\.gz)?$/.test(entry.name)) readFile(p);
    }
  };
  let stats;
  try {
    // The path the user named is followed; links inside a directory are not.
    stats = statSync(path);
  } catch (e) {
    throw new InputFileError(`could not be read: ${fsErrorReason(e)}`);
  }
  if (stats.isDirectory()) walk(path, 0);
  else readFile(path);
  return { records, files, digests, problems };
}

/** The records of one file, `digest` for a digest file, or why it cannot be read. */
function recordsOf(file: string): readonly unknown[] | 'digest' | string {
  let bytes: Buffer;
  try {
    bytes = readInputBytes(file, { limit: INPUT_LIMITS.cloudTrailFile });
  } catch (e) {
    if (e instanceof InputFileError) return e.message;
    throw e;
  }
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: INPUT_LIMITS.cloudTrailRecords.bytes });
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
        ? `decompresses to more than ${INPUT_LIMITS.cloudTrailRecords.bytes / (1024 * 1024)} MiB, the most audit reads from ${INPUT_LIMITS.cloudTrailRecords.of}`
        : 'is not a valid gzip file';
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return 'is not valid JSON; a CloudTrail log file is {"Records": [...]}';
  }
  if (isObject(json) && Array.isArray(json.Records)) return json.Records;
  if (isObject(json) && typeof json.digestStartTime === 'string') return 'digest';
  return 'is not a CloudTrail log file: expected a JSON object with a `Records` list';
}

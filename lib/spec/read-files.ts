import { readdirSync } from 'fs';
import { join } from 'path';
import { INPUT_LIMITS, InputFileError, fsErrorReason, readInputFile, resolveWithin } from '../input/read-input-file';
import { Problem } from '../model/problems';
import { MeshLoadError } from './errors';
import { PRODUCTS_DIR } from './layout';
import { SPEC_PROBLEM_KINDS } from './problem-kinds';

/** The text of one mesh file; `path` is relative to the mesh directory, with `/` separators. */
export interface SourceText {
  readonly path: string;
  readonly text: string;
}

/** Files read from a mesh directory, and what was wrong with the directory's content. */
export interface MeshSources {
  readonly files: readonly SourceText[];
  readonly problems: readonly Problem[];
}

const YAML_FILE = /\.ya?ml$/;

/**
 * Reads the YAML files of `dir` and of `dir/products`.
 * Product files come sorted by name, so the spec (and every message) is the same on every run.
 * Only regular files of at most 1 MiB ({@link INPUT_LIMITS}) are read; a symbolic link is
 * followed only when it leads to a file inside `dir` (docs/spec.md, "Files").
 * @param options `products: false` reads the mesh-level files only, not `dir/products`
 * @throws MeshLoadError when `dir` is not a directory
 */
export function readMeshDirectory(dir: string, options: { readonly products?: boolean } = {}): MeshSources {
  const entries = listDirectory(dir);
  if (!Array.isArray(entries))
    throw new MeshLoadError({ path: [], message: `\`${dir}\` is not a directory`, hint: 'give the directory that holds mesh.yaml' });

  const problems: Problem[] = [];
  const files: SourceText[] = [];
  const read = (file: string) => {
    try {
      files.push({ path: file, text: readInputFile(join(dir, file), { limit: INPUT_LIMITS.meshFile, within: dir }) });
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      problems.push({
        rule: SPEC_PROBLEM_KINDS.file,
        path: [],
        message: `the file ${e.message}`,
        location: { file: join(dir, file), line: 1, column: 1 },
      });
    }
  };
  // Every YAML file, expected or not: loading reports those that have no place in a mesh.
  for (const file of entries.filter((f) => YAML_FILE.test(f))) read(file);
  if (options.products === false) return { files, problems };
  const products = listProducts(dir);
  if (Array.isArray(products)) {
    for (const file of products.filter((f) => YAML_FILE.test(f))) read(`${PRODUCTS_DIR}/${file}`);
  } else {
    // Not "0 products": a mesh whose products cannot be read would synthesize empty stacks.
    const hint = products === MISSING ? `create ${PRODUCTS_DIR}/ with one <domain>.<product>.yaml per data product` : undefined;
    problems.push({
      rule: SPEC_PROBLEM_KINDS.file,
      path: [],
      message: `\`${PRODUCTS_DIR}/\` ${products}`,
      hint,
      location: { file: join(dir, PRODUCTS_DIR), line: 1, column: 1 },
    });
  }
  return { files, problems };
}

/** The product files' names, or what keeps `products/` from being read. */
function listProducts(dir: string): string[] | string {
  const path = join(dir, PRODUCTS_DIR);
  const names = listDirectory(path);
  if (!Array.isArray(names)) return names;
  try {
    resolveWithin(path, dir);
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    return e.message;
  }
  return names;
}

const MISSING = 'does not exist';

/** Sorted entry names, or why `dir` is not a readable directory. */
function listDirectory(dir: string): string[] | string {
  try {
    return readdirSync(dir).sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return MISSING;
    if (code === 'ENOTDIR') return 'is not a directory';
    return `could not be read: ${fsErrorReason(e)}`;
  }
}

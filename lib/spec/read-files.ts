import { readFileSync, readdirSync, statSync } from 'fs';
import { join } from 'path';
import { Problem } from '../model/problems';
import { MeshLoadError } from './errors';
import { PRODUCTS_DIR } from './layout';

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
 * @throws MeshLoadError when `dir` is not a directory
 */
export function readMeshDirectory(dir: string): MeshSources {
  const entries = listDirectory(dir);
  if (entries === undefined) throw new MeshLoadError({ path: [], message: `\`${dir}\` is not a directory`, hint: 'give the directory that holds mesh.yaml' });

  const problems: Problem[] = [];
  const files: SourceText[] = [];
  const read = (file: string) => {
    try {
      files.push({ path: file, text: readFileSync(join(dir, file), 'utf8') });
    } catch (e) {
      problems.push({ path: [], message: `cannot read the file: ${(e as Error).message}`, location: { file: join(dir, file), line: 1, column: 1 } });
    }
  };
  // Every YAML file, expected or not: loading reports those that have no place in a mesh.
  for (const file of entries.filter((f) => YAML_FILE.test(f))) read(file);
  for (const file of (listDirectory(join(dir, PRODUCTS_DIR)) ?? []).filter((f) => YAML_FILE.test(f))) read(`${PRODUCTS_DIR}/${file}`);
  return { files, problems };
}

/** Sorted entry names, or undefined when `dir` is not a readable directory. */
function listDirectory(dir: string): string[] | undefined {
  try {
    if (!statSync(dir).isDirectory()) return undefined;
    return readdirSync(dir).sort();
  } catch {
    return undefined;
  }
}

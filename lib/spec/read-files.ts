import { readFileSync, readdirSync, statSync } from 'fs';
import { join } from 'path';
import { Problem } from '../model/problems';
import { suggest } from '../model/suggest';
import { MeshLoadError } from './errors';
import { MESH_FILES, PRODUCTS_DIR } from './layout';

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
 * Reads `mesh.yaml`, `environments.yaml`, `purposes.yaml` and `products/*.yaml` from `dir`.
 * Product files come sorted by name, so the spec (and every message) is the same on every run.
 * @throws MeshLoadError when `dir` is not a directory
 */
export function readMeshDirectory(dir: string): MeshSources {
  const at = (file: string) => ({ file: join(dir, file), line: 1, column: 1 });
  const fileProblem = (file: string, message: string, hint?: string): Problem => ({ path: [], message, hint, location: at(file) });
  const entries = listDirectory(dir);
  if (entries === undefined) throw new MeshLoadError({ path: [], message: `\`${dir}\` is not a directory`, hint: 'give the directory that holds mesh.yaml' });

  const problems: Problem[] = [];
  const files: SourceText[] = [];
  const read = (file: string) => {
    try {
      files.push({ path: file, text: readFileSync(join(dir, file), 'utf8') });
    } catch (e) {
      problems.push(fileProblem(file, `cannot read the file: ${(e as Error).message}`));
    }
  };
  for (const file of Object.keys(MESH_FILES).filter((f) => entries.includes(f))) read(file);
  for (const file of entries.filter((f) => YAML_FILE.test(f) && !(f in MESH_FILES))) {
    problems.push(fileProblem(file, `unexpected file \`${file}\`; a mesh has mesh.yaml, environments.yaml, purposes.yaml and ${PRODUCTS_DIR}/*.yaml`, suggest(file, Object.keys(MESH_FILES))));
  }
  for (const file of (listDirectory(join(dir, PRODUCTS_DIR)) ?? []).filter((f) => YAML_FILE.test(f))) {
    read(`${PRODUCTS_DIR}/${file}`);
  }
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

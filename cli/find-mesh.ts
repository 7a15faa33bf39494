import { existsSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

/** How `--help` describes a command's mesh directory argument or `--mesh` option. */
export const MESH_DIR_HELP = 'mesh directory, the folder that holds mesh.yaml (default: found from the current directory upwards)';

/** The folder `meshgrant init` puts the mesh in, inside a mesh repository. */
export const MESH_FOLDER = 'mesh';

/**
 * The mesh directory a command uses when none is given: the first folder, from `start` upwards,
 * that holds `mesh.yaml` or whose `mesh/` folder does (the layout `meshgrant init` writes), as a
 * path relative to `start` (`.`, `mesh`, `../..`). The search stops at the repository root (a
 * folder holding `.git`), so that a mesh in some folder above a repository is never picked up.
 * @returns undefined when there is none
 */
export function findMeshDir(start: string = process.cwd()): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    for (const candidate of [dir, join(dir, MESH_FOLDER)]) {
      if (isFile(join(candidate, 'mesh.yaml'))) return relative(start, candidate) || '.';
    }
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

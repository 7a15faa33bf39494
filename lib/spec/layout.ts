import { SpecPath } from '../model/problems';

/** The `apiVersion` every file of this format carries. */
export const API_VERSION = 'meshgrant/v1';

/** What a mesh file can declare; the `kind` field of every file. */
export const FILE_KINDS = ['Mesh', 'Environments', 'Purposes', 'DataProduct'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** The mesh-level files, by name in the mesh directory. */
export const MESH_FILES: Readonly<Record<string, FileKind>> = {
  'mesh.yaml': 'Mesh',
  'environments.yaml': 'Environments',
  'purposes.yaml': 'Purposes',
};

/** Directory of the product files, one `<domain>.<product>.yaml` each. */
export const PRODUCTS_DIR = 'products';

/** Fields of `MeshSpec` declared in each mesh-level file (product files fill `products`). */
const FIELDS_OF_FILE: Readonly<Record<string, readonly string[]>> = {
  'mesh.yaml': ['name', 'classification', 'domains', 'policy'],
  'environments.yaml': ['environments'],
  'purposes.yaml': ['purposes'],
};

/** A field inside one file: the file's path in the mesh directory and the path within it. */
export interface FileField {
  readonly file: string;
  readonly path: SpecPath;
}

/**
 * Where each part of a `MeshSpec` lives in the directory. Mesh-level files hold their fields
 * at the same path as the spec; product file `i` (in file-name order) holds `products[i]`.
 */
export class MeshLayout {
  /** @param productFiles product file paths, in the order of `MeshSpec.products` */
  constructor(private readonly productFiles: readonly string[]) {}

  /** The file and in-file path of a spec path; undefined when no file holds it. */
  fileOf(path: SpecPath): FileField | undefined {
    const [head, index] = path;
    if (head === 'products') {
      const file = typeof index === 'number' ? this.productFiles[index] : undefined;
      return file === undefined ? undefined : { file, path: fieldInFile(path) };
    }
    const file = Object.keys(FIELDS_OF_FILE).find((f) => FIELDS_OF_FILE[f].includes(String(head)));
    return file === undefined ? undefined : { file, path };
  }

  /** The spec path of a field inside a file. */
  specPathOf(field: FileField): SpecPath {
    const index = this.productFiles.indexOf(field.file);
    return index < 0 ? field.path : ['products', index, ...field.path];
  }
}

/** The kind a file must declare, by its place in the directory; undefined for a file that has no place in a mesh. */
export function kindOfFile(file: string): FileKind | undefined {
  return MESH_FILES[file] ?? (PRODUCT_FILE.test(file) ? 'DataProduct' : undefined);
}

const PRODUCT_FILE = new RegExp(`^${PRODUCTS_DIR}/[^/]+\\.ya?ml$`);

/** The path of a spec field inside its own file: `products[3].grants[0]` is `grants[0]` of a product file. */
export function fieldInFile(path: SpecPath): SpecPath {
  return path[0] === 'products' && typeof path[1] === 'number' ? path.slice(2) : path;
}

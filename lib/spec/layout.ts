import type { MeshSpec } from '../model/mesh';
import { SpecPath } from '../model/problems';
import { ENVIRONMENTS_FILE } from '../model/environments-file';

/** The `apiVersion` every file of this format carries. */
export const API_VERSION = 'meshgrant/v1';

/** One kind of file of a mesh directory. */
export interface SpecFile {
  /** The `kind` field the file carries; its JSON Schema definition is `<kind>File`. */
  readonly kind: 'Mesh' | 'Environments' | 'Purposes' | 'Policies' | 'DataProduct';
  /** Path in the mesh directory; for product files, the directory of `<domain>.<product>.yaml` files. */
  readonly path: string;
  /** Fields of `MeshSpec` the file declares (a product file declares one element of `products`). */
  readonly fields: readonly (keyof MeshSpec)[];
  /** Whether a mesh directory must have it. */
  readonly required: boolean;
}

/**
 * The files of a mesh directory: the one table the loader, the writer, the locator and the
 * schema test read. Mesh-level files hold their fields at the same path as in `MeshSpec`.
 */
export const SPEC_FILES = [
  { kind: 'Mesh', path: 'mesh.yaml', fields: ['name', 'classification', 'domains', 'policy', 'attributes'], required: true },
  { kind: 'Environments', path: ENVIRONMENTS_FILE, fields: ['environments'], required: true },
  { kind: 'Purposes', path: 'purposes.yaml', fields: ['purposes'], required: false },
  { kind: 'Policies', path: 'policies.yaml', fields: ['policies'], required: false },
  { kind: 'DataProduct', path: 'products', fields: ['products'], required: false },
] as const satisfies readonly SpecFile[];

export type FileKind = SpecFile['kind'];

/** What a mesh file can declare; the `kind` field of every file. */
export const FILE_KINDS: readonly FileKind[] = SPEC_FILES.map((f) => f.kind);

/** The mesh-level files (all but the product files). */
export const MESH_FILES: readonly SpecFile[] = SPEC_FILES.filter((f) => f.kind !== 'DataProduct');

/** Directory of the product files, one `<domain>.<product>.yaml` each. */
export const PRODUCTS_DIR = SPEC_FILES.find((f) => f.kind === 'DataProduct')!.path;

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
    const file = MESH_FILES.find((f) => (f.fields as readonly string[]).includes(String(head)));
    return file === undefined ? undefined : { file: file.path, path };
  }

  /** The spec path of a field inside a file. */
  specPathOf(field: FileField): SpecPath {
    const index = this.productFiles.indexOf(field.file);
    return index < 0 ? field.path : ['products', index, ...field.path];
  }
}

/** The kind a file must declare, by its place in the directory; undefined for a file that has no place in a mesh. */
export function kindOfFile(file: string): FileKind | undefined {
  return MESH_FILES.find((f) => f.path === file)?.kind ?? (PRODUCT_FILE.test(file) ? 'DataProduct' : undefined);
}

const PRODUCT_FILE = new RegExp(`^${PRODUCTS_DIR}/[^/]+\\.ya?ml$`);

/** The path of a spec field inside its own file: `products[3].grants[0]` is `grants[0]` of a product file. */
export function fieldInFile(path: SpecPath): SpecPath {
  return path[0] === 'products' && typeof path[1] === 'number' ? path.slice(2) : path;
}

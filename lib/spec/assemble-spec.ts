import { MeshSpec } from '../model/mesh';
import { MESH_FILES } from './layout';

/** What every file carries besides its content. */
interface FileHeader {
  readonly apiVersion?: string;
  readonly kind?: string;
}

/** A file's content without `apiVersion` and `kind`. */
function content<T>(value: unknown): T {
  const { apiVersion: _version, kind: _kind, ...rest } = (value ?? {}) as FileHeader & Record<string, unknown>;
  return rest as T;
}

/**
 * Puts the files of a schema-valid mesh together into the `MeshSpec` that the TypeScript API
 * would declare. Fields left out of the files stay out of the spec.
 * @param values plain values by file path
 * @param productFiles product file paths, in the order the spec lists products
 */
export function assembleSpec(values: ReadonlyMap<string, unknown>, productFiles: readonly string[]): MeshSpec {
  const spec: Record<string, unknown> = {};
  for (const file of MESH_FILES) {
    const value = content<Record<string, unknown>>(values.get(file.path));
    for (const field of file.fields) if (value[field] !== undefined) spec[field] = value[field];
  }
  spec.products = productFiles.map((f) => content(values.get(f)));
  return spec as unknown as MeshSpec;
}

import { MeshSpec } from '../model/mesh';

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
  const mesh = content<Pick<MeshSpec, 'name' | 'classification' | 'domains' | 'policy'>>(values.get('mesh.yaml'));
  const purposes = values.has('purposes.yaml') ? content<Pick<MeshSpec, 'purposes'>>(values.get('purposes.yaml')).purposes : undefined;
  return {
    ...mesh,
    environments: content<Pick<MeshSpec, 'environments'>>(values.get('environments.yaml')).environments,
    ...(purposes !== undefined ? { purposes } : {}),
    products: productFiles.map((f) => content(values.get(f))),
  };
}

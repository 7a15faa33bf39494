import { stringify } from 'yaml';
import { MeshSpec } from '../model/mesh';
import { API_VERSION, FileKind, MESH_FILES, PRODUCTS_DIR } from './layout';
import { SourceText } from './read-files';

/**
 * Writes a mesh spec as mesh files, the inverse of `loadMeshSources`: for instance to move a
 * mesh declared in TypeScript to YAML that product owners edit.
 * @param schema path of the JSON Schema as seen from the mesh directory; when given, every file
 *   starts with the `yaml-language-server` comment that makes editors check it
 */
export function meshSpecToSources(spec: MeshSpec, schema?: string): SourceText[] {
  const file = (path: string, kind: FileKind, body: object): SourceText => {
    const depth = path.split('/').length - 1;
    const header = schema === undefined ? '' : `# yaml-language-server: $schema=${'../'.repeat(depth)}${schema}\n`;
    return { path, text: header + stringify({ apiVersion: API_VERSION, kind, ...body }) };
  };
  const taken = new Set<string>();
  return [
    ...MESH_FILES.filter((f) => f.required || f.fields.some((field) => spec[field] !== undefined)).map((f) =>
      file(f.path, f.kind, Object.fromEntries(f.fields.map((field) => [field, spec[field]]))),
    ),
    ...(spec.products ?? []).map((p, i) => {
      // File names follow ids; a repeated id (which loading reports) still gets a file of its own.
      const base = taken.has(p.id) ? `${p.id}.${i}` : p.id;
      taken.add(base);
      return file(`${PRODUCTS_DIR}/${base}.yaml`, 'DataProduct', p);
    }),
  ];
}

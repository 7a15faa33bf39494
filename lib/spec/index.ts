/** Loading a mesh from YAML files (docs/spec.md), with every problem located at file:line:column. */
export { MeshLoadError } from './errors';
export { API_VERSION, fieldInFile } from './layout';
export { loadMesh, loadMeshSources } from './load-mesh';
export type { SourceText } from './read-files';
export { meshSpecToSources } from './write-files';

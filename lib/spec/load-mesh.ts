import { join } from 'path';
import { BuildOptions, Mesh, MeshSettings, buildMesh, buildMeshSettings } from '../model/mesh';
import { Locator, MeshValidationError, Problem } from '../model/problems';
import { suggest } from '../model/suggest';
import { assembleSpec } from './assemble-spec';
import { MeshLoadError } from './errors';
import { MESH_FILES, MeshLayout, PRODUCTS_DIR, kindOfFile } from './layout';
import { locationAt, meshLocator, offsetOf } from './locator';
import { SPEC_PROBLEM_KINDS } from './problem-kinds';
import { ParsedFile, parseYamlFile } from './parse-yaml';
import { SourceText, readMeshDirectory } from './read-files';
import { validateFile } from './schema-validation';

/**
 * Loads the mesh declared in a directory (`mesh.yaml`, `environments.yaml`, `purposes.yaml`,
 * `products/*.yaml`; see docs/spec.md) into the same model as `buildMesh`.
 *
 * @example
 * const mesh = loadMesh('examples/acme');
 * mesh.product('payments.transactions').grants;
 * @throws MeshValidationError listing every problem of every file, each with file:line:column;
 *   MeshLoadError (a subclass) when `dir` is not a mesh directory at all. Nothing else.
 */
export function loadMesh(dir: string, options: BuildOptions = {}): Mesh {
  const { files, problems } = readMeshDirectory(dir);
  return loadMeshSources(files, dir, problems, options);
}

/**
 * Loads a mesh from file texts already in memory, e.g. from an editor or a pull request.
 * @param sources files with paths relative to the mesh directory (`products/x.y.yaml`)
 * @param dir prefixes the file of every location, so messages point at real files
 * @param earlier problems already found, reported with the rest
 * @param options `asOf`: the day expiry is evaluated against (default today, UTC)
 * @throws MeshValidationError (or MeshLoadError without `mesh.yaml`), never anything else
 */
export function loadMeshSources(
  sources: readonly SourceText[],
  dir = '',
  earlier: readonly Problem[] = [],
  options: BuildOptions = {},
): Mesh {
  const { values, productFiles, locate } = parseMeshSources(sources, dir, earlier);
  return buildMesh(assembleSpec(values, productFiles), locate, options);
}

/**
 * Loads what a mesh says about people ({@link MeshSettings}: its name, environments with their
 * identity mappings, declared attributes) from its mesh-level files alone: `products/` is not
 * read. These files are parsed and checked as {@link loadMesh} does, each problem at
 * file:line:column; the products, purposes and policies are not checked.
 * @throws MeshValidationError listing every problem of the mesh-level files; MeshLoadError when `dir` has no `mesh.yaml`
 */
export function loadMeshSettings(dir: string): MeshSettings {
  const { files, problems } = readMeshDirectory(dir, { products: false });
  const { values, locate } = parseMeshSources(files, dir, problems);
  return buildMeshSettings(assembleSpec(values, []), locate);
}

/** Mesh files parsed and checked against their schema: their values by path, and where each spec path was written. */
interface ParsedMesh {
  readonly values: ReadonlyMap<string, unknown>;
  /** Product file paths, in the order of the spec's products. */
  readonly productFiles: readonly string[];
  readonly locate: Locator;
}

/**
 * Parses mesh files and checks each against its kind's schema.
 * @throws MeshValidationError with every problem, sorted by location; MeshLoadError without `mesh.yaml`
 */
function parseMeshSources(sources: readonly SourceText[], dir: string, earlier: readonly Problem[]): ParsedMesh {
  const paths = sources.map((s) => s.path);
  if (!paths.includes('mesh.yaml')) {
    throw new MeshLoadError({
      path: [],
      message: `no mesh.yaml in \`${dir || '.'}\``,
      hint: 'give the directory that holds mesh.yaml, environments.yaml and products/',
      location: { file: join(dir, 'mesh.yaml'), line: 1, column: 1 },
    });
  }
  const problems: Problem[] = [...earlier];
  if (!paths.includes('environments.yaml')) {
    problems.push({
      rule: SPEC_PROBLEM_KINDS.file,
      path: ['environments'],
      message: 'environments.yaml is missing; the mesh needs at least one environment',
      location: { file: join(dir, 'environments.yaml'), line: 1, column: 1 },
    });
  }
  const productFiles = paths.filter((p) => kindOfFile(p) === 'DataProduct');
  const layout = new MeshLayout(productFiles);
  const files = new Map<string, ParsedFile>();
  const values = new Map<string, unknown>();
  for (const source of sources) {
    const kind = kindOfFile(source.path);
    if (kind === undefined) {
      const message = `unexpected file \`${source.path}\`; a mesh has ${MESH_FILES.map((f) => f.path).join(', ')} and ${PRODUCTS_DIR}/*.yaml`;
      problems.push({
        rule: SPEC_PROBLEM_KINDS.file,
        path: [],
        message,
        hint: suggest(
          source.path,
          MESH_FILES.map((f) => f.path),
        ),
        location: { file: join(dir, source.path), line: 1, column: 1 },
      });
      continue;
    }
    const { file, value, problems: syntax } = parseYamlFile(source);
    files.set(file.path, file);
    for (const p of syntax)
      problems.push({
        rule: SPEC_PROBLEM_KINDS.yaml,
        path: [],
        message: p.message,
        hint: p.hint,
        location: locationAt(file, dir, p.offset),
      });
    if (syntax.length > 0) continue;
    for (const p of validateFile(kind, value)) {
      const location = locationAt(file, dir, offsetOf(file, p.path, p.anchor));
      problems.push({
        rule: SPEC_PROBLEM_KINDS.schema,
        path: layout.specPathOf({ file: file.path, path: p.path }),
        message: p.message,
        hint: p.hint,
        location,
      });
    }
    values.set(file.path, value);
  }
  // The model assumes well-typed input: references are checked once every file has the right shape.
  if (problems.length > 0) throw new MeshValidationError(sortByLocation(problems));
  return { values, productFiles, locate: meshLocator(layout, files, dir) };
}

function sortByLocation(problems: readonly Problem[]): Problem[] {
  const key = (p: Problem) => [p.location?.file ?? '', p.location?.line ?? 0, p.location?.column ?? 0] as const;
  return [...problems].sort((a, b) => {
    const [fa, la, ca] = key(a);
    const [fb, lb, cb] = key(b);
    return fa < fb ? -1 : fa > fb ? 1 : la - lb || ca - cb;
  });
}

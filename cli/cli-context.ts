import { DirectoryError, loadDirectory } from '../lib/directory';
import type { DirectorySnapshot } from '../lib/directory/directory';
import type { IdentityMapping } from '../lib/directory/directory-trust';
import type { Mesh, MeshSettings } from '../lib/model/mesh';
import { MeshLoadError, loadMesh } from '../lib/spec';
import { loadMeshSettings } from '../lib/spec/load-mesh';
import { CliError } from './cli-command';
import type { Feedback } from './feedback';
import { MESH_FOLDER, findMeshDir } from './find-mesh';

/**
 * What commands read besides the synthesized output: the mesh (of `--mesh` or a `[dir]`
 * argument, else found from the current directory upwards), the identity mappings of its
 * environments, and a directory snapshot. Each is loaded once, when first asked for, and load
 * errors become `CliError`s (exit 2) the same way for every command.
 */
export class CliContext {
  /** The mesh directory: as given, or as found. */
  readonly meshDir: string;
  /** Whether {@link meshDir} was found rather than given: the note then says which mesh was used. */
  private readonly found: boolean;
  private loadedMesh?: Mesh;
  private loadedSettings?: MeshSettings;
  /** Whether the note saying which mesh is used has been given. */
  private announced = false;
  private loadedIdentities?: ReadonlyMap<string, IdentityMapping>;
  private loadedDirectory?: DirectorySnapshot;

  /**
   * @param meshDir the mesh directory (`--mesh`, `[dir]`); undefined: found from the current directory upwards ({@link findMeshDir})
   * @param asOf the day expiry is evaluated against (`--as-of`); default today, in UTC
   * @param feedback says which mesh was used when it was found rather than given
   */
  constructor(
    meshDir: string | undefined,
    private readonly asOf?: string,
    private readonly feedback?: Feedback,
  ) {
    this.found = meshDir === undefined;
    this.meshDir = meshDir ?? findMeshDir() ?? '.';
  }

  /**
   * The mesh.
   * @throws MeshLoadError when there is no mesh (saying where it was looked for), MeshValidationError when it has problems
   */
  mesh(): Mesh {
    this.loadedMesh ??= this.load(() => loadMesh(this.meshDir, { asOf: this.asOf }));
    return this.loadedMesh;
  }

  /**
   * What the mesh says about people (name, environments with their identity mappings, declared
   * attributes): of the mesh when it is loaded, else from its mesh-level files alone, without
   * reading the products (docs/decisions.md: "Reports over a directory read the mesh-level files").
   * @throws MeshLoadError when there is no mesh, MeshValidationError when those files have problems
   */
  settings(): MeshSettings {
    return this.loadedMesh ?? (this.loadedSettings ??= this.load(() => loadMeshSettings(this.meshDir)));
  }

  /** Loads (part of) the mesh, saying which mesh is used; load errors say where the mesh was looked for. */
  private load<T extends MeshSettings>(read: () => T): T {
    this.feedback?.progress(`loading the mesh in ${this.meshDir}`);
    let loaded: T;
    try {
      loaded = read();
    } catch (e) {
      if (!(e instanceof MeshLoadError) || !this.found) throw e;
      throw new MeshLoadError({
        ...e.problems[0],
        message: `no mesh.yaml in the current directory or a folder above it, nor in their ${MESH_FOLDER}/ folders`,
        hint: "give the mesh directory, the folder that holds mesh.yaml, as the command's argument or with --mesh",
      });
    }
    if (!this.announced) {
      const used = `using mesh ${loaded.name} in ${this.meshDir}`;
      if (this.found) this.feedback?.note(`${used} (found from the current directory; give another as an argument or with --mesh)`);
      else this.feedback?.detail(used);
      this.announced = true;
    }
    return loaded;
  }

  /**
   * The identity mapping of each environment of the mesh, by environment name, with the mesh's
   * multi-valued attributes (how their session tags carry several values).
   */
  identities(): ReadonlyMap<string, IdentityMapping> {
    const mesh = this.settings();
    const multiValuedAttributes = mesh.attributes.filter((a) => a.multiValued).map((a) => a.name);
    this.loadedIdentities ??= new Map(mesh.environments.map((e) => [e.name, { ...pickIdentity(e), multiValuedAttributes }]));
    return this.loadedIdentities;
  }

  /** The identity mappings, after checking that the mesh has every environment in `environments`. */
  identitiesOf(environments: Iterable<string>): ReadonlyMap<string, IdentityMapping> {
    const identities = this.identities();
    const unknown = [...new Set(environments)].filter((e) => !identities.has(e));
    if (unknown.length > 0)
      throw new CliError(
        `environment ${unknown.join(', ')} is not in mesh ${this.settings().name} (${this.meshDir}): its identity mapping is unknown`,
      );
    return identities;
  }

  /**
   * The directory snapshot of `files` (`--directory`, SCIM JSON or YAML), its people's
   * attributes checked against those the mesh declares.
   */
  directory(files: readonly string[]): DirectorySnapshot {
    if (this.loadedDirectory === undefined) this.feedback?.progress(`loading the directory ${files.join(', ')}`);
    try {
      this.loadedDirectory ??= loadDirectory(files, { attributes: () => new Map(this.settings().attributes.map((a) => [a.name, a])) });
    } catch (e) {
      throw e instanceof DirectoryError ? new CliError(e.message) : e;
    }
    return this.loadedDirectory;
  }
}

/** The identity mapping of an environment. */
function pickIdentity(e: IdentityMapping): IdentityMapping {
  return { groups: e.groups, users: e.users, attributeSessionPrincipals: e.attributeSessionPrincipals };
}

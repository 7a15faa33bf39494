import type { MeshgrantManifest } from '../version';

/** The CI system `init` writes a configuration for. */
export const CI_SYSTEMS = ['github', 'gitlab', 'none'] as const;
export type CiSystem = (typeof CI_SYSTEMS)[number];

/** The folder of the repository that holds the mesh files (mesh.yaml, products/, ...). */
export const MESH_DIR = 'mesh';

/** Where `init` deploys one environment. */
export interface InitEnvironment {
  readonly name: string;
  /** 12-digit AWS account id. */
  readonly account: string;
  readonly region: string;
}

/** What `meshgrant init` writes a repository for; every value is checked by the command before it gets here. */
export interface MeshRepositoryOptions {
  /** Mesh name, e.g. `acme`: stacks are `<name>-<environment>`. */
  readonly name: string;
  /** In promotion order: each promotes to the next; the last is production. */
  readonly environments: readonly InitEnvironment[];
  /** Whether mesh.yaml declares the starter severity profile. */
  readonly starter: boolean;
  readonly ci: CiSystem;
  /** meshgrant's version and peers, which package.json depends on. */
  readonly meshgrant: MeshgrantManifest;
}

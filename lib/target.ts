import type { AwsEnvironment, AwsEnvironmentSpec } from './aws/environment';
import { awsTarget } from './aws/target';
import { type NamingSpec } from './aws/name-collisions';
import type { IdentityMappingSpec } from './model/members';
import type { ProblemCollector, SpecPath } from './model/problems';
import type { AccessLevel } from './model/product-role';
import type { SpecCheck } from './model/spec-check';

/**
 * The seam between the cloud-neutral layers (lib/model, lib/policy's core rules, lib/reports) and
 * the cloud meshgrant deploys to. A target owns the environment fields only it understands, how a
 * principal is written, and its permission vocabulary; its naming, limits and tag ontology stay
 * inside its own folder (lib/aws), used by its constructs, stacks, readback and rule pack.
 *
 * Adding a target: implement `DeploymentTarget` under `lib/<target>/`, select it below (a union of
 * spec types when several are supported), and give it constructs, stacks and a rule pack. Nothing
 * in lib/model changes.
 */
export interface DeploymentTarget<Spec, Settings> {
  /** Short name, e.g. `aws`. */
  readonly name: string;
  readonly environment: EnvironmentTarget<Spec, Settings>;
  readonly permissions: PermissionVocabulary;
}

/** The target's part of an environment: its fields in the spec, their checks and defaults. */
export interface EnvironmentTarget<Spec, Settings> {
  /** Checks the target's fields of one environment (`path` is the environment's spec path). */
  check(check: SpecCheck, spec: Spec & { readonly name: string }, path: SpecPath): void;
  /**
   * Checks the environments together: what must differ between them (e.g. one environment per AWS
   * account and region), and that the principals each names belong to it unless accepted.
   */
  checkApart(check: SpecCheck, specs: readonly (Spec & { readonly name: string; readonly identity?: IdentityMappingSpec })[]): void;
  /** Checks that the names the target derives from ids and names (roles, databases) never collide. */
  checkNames(spec: NamingSpec, problems: ProblemCollector): void;
  /** Checks a principal written in an identity mapping. */
  checkPrincipal(check: SpecCheck, value: string | undefined, path: SpecPath, what: string): void;
  /** The target's fields of a checked spec, with defaults applied. */
  resolve(spec: Spec): Settings;
}

/** What each access level grants on the target's resources. */
export interface PermissionVocabulary {
  /** On a table, per level. */
  readonly table: Readonly<Record<AccessLevel, readonly string[]>>;
  /** On the table's database, per level. */
  readonly database: Readonly<Record<AccessLevel, readonly string[]>>;
  /** Through a row or column filter (read only). */
  readonly filter: readonly string[];
  /** On named columns (read only). */
  readonly columns: readonly string[];
}

/** The environment fields of the selected target, as written in the spec. */
export type TargetEnvironmentSpec = AwsEnvironmentSpec;
/** The environment fields of the selected target, validated, with defaults. */
export type TargetEnvironment = AwsEnvironment;

/** The target meshgrant deploys to. */
export const TARGET: DeploymentTarget<TargetEnvironmentSpec, TargetEnvironment> = awsTarget;

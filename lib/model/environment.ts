import { TARGET, TargetEnvironment, TargetEnvironmentSpec } from '../target';
import { IdentityMappingSpec } from './members';
import { NAME_PATTERNS } from './names';
import { SpecPath } from './problems';
import { SpecCheck } from './spec-check';
import { suggest } from './suggest';

/** The fields of an environment every target has. */
export interface CommonEnvironmentSpec {
  /** Short lower-case name, e.g. `dev`, `prod`. */
  readonly name: string;
  /**
   * Prefix of every name this environment creates (IAM roles, Glue databases).
   * @default - `mg-<name>`
   */
  readonly prefix?: string;
  /** Environment this one promotes to (dev -> prod); products reach it only after this one. */
  readonly promotesTo?: string;
  /** How directory groups, users and attributes map to principals here. */
  readonly identity?: IdentityMappingSpec;
  /**
   * Tags applied to every resource of the environment (provider default tags).
   * @default - `{ ManagedBy: meshgrant, Environment: <name> }` only
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * How the environment is cut into Terraform stacks (and states): `one`, or `per-domain` (a
   * foundation stack and one stack per domain, so that a change to one product plans its domain only).
   * @default 'one'
   */
  readonly stacks?: StackLayout;
}

/**
 * The Terraform stacks of an environment: `one` stack holding everything, or `per-domain`: a
 * foundation stack (LF-tag ontology, data lake settings, purposes, principals of global policies)
 * applied first, then one stack per domain (its products, their roles, and every grant on its tables).
 */
export type StackLayout = 'one' | 'per-domain';

/** Every {@link StackLayout}, the default first. */
export const STACK_LAYOUTS: readonly StackLayout[] = ['one', 'per-domain'];

/**
 * A deployment target: one account and region, one Terraform stack. The target's own fields
 * (`TargetEnvironmentSpec`: on AWS the account, region, buckets, ...) sit next to the common ones.
 */
export interface EnvironmentSpec extends CommonEnvironmentSpec, TargetEnvironmentSpec {}

/** The common fields of a validated environment, with defaults applied. */
export interface CommonEnvironment {
  readonly name: string;
  readonly prefix: string;
  readonly promotesTo?: string;
  readonly groups: ReadonlyMap<string, string>;
  readonly users: ReadonlyMap<string, string>;
  readonly attributeSessionPrincipals: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly stacks: StackLayout;
}

/** A validated environment: the common fields and the target's (`TargetEnvironment`). */
export interface Environment extends CommonEnvironment, TargetEnvironment {}

const sortedMap = (r: Readonly<Record<string, string>> | undefined) =>
  new Map(
    Object.keys(r ?? {})
      .sort()
      .map((k) => [k, r![k]] as const),
  );

const sortedRecord = (r: Record<string, string>) =>
  Object.fromEntries(
    Object.keys(r)
      .sort()
      .map((k) => [k, r[k]]),
  );

/** Applies defaults to a spec that has passed validation. */
export function toEnvironment(spec: EnvironmentSpec): Environment {
  return {
    ...TARGET.environment.resolve(spec),
    name: spec.name,
    prefix: spec.prefix ?? `mg-${spec.name}`,
    promotesTo: spec.promotesTo,
    groups: sortedMap(spec.identity?.groups),
    users: sortedMap(spec.identity?.users),
    attributeSessionPrincipals: [...new Set(spec.identity?.attributeSessionPrincipals ?? [])].sort(),
    tags: sortedRecord({ ...(spec.tags ?? {}), ManagedBy: 'meshgrant', Environment: spec.name }),
    stacks: spec.stacks ?? 'one',
  };
}

/** Checks every environment: names, the target's fields, principals, and promotion as a chain without cycles. */
export function checkEnvironments(check: SpecCheck, envs: readonly EnvironmentSpec[]): ReadonlyMap<string, EnvironmentSpec> {
  if (envs.length === 0) check.add(['environments'], 'the mesh needs at least one environment');
  check.unique(envs, (e) => e.name, ['environments'], 'environment');
  const byName = new Map<string, EnvironmentSpec>();
  for (const e of envs) byName.set(e.name, e);
  envs.forEach((e, i) => {
    const p: SpecPath = ['environments', i];
    check.pattern(
      e.name,
      NAME_PATTERNS.environment,
      [...p, 'name'],
      'environment name',
      'lower case letters, digits or -, at most 20 characters',
    );
    if (e.prefix !== undefined)
      check.pattern(
        e.prefix,
        NAME_PATTERNS.prefix,
        [...p, 'prefix'],
        `environment ${e.name}: prefix`,
        'lower case letters, digits or -, at most 20 characters',
      );
    if (e.stacks !== undefined && !STACK_LAYOUTS.includes(e.stacks))
      check.add(
        [...p, 'stacks'],
        `environment ${e.name}: stacks \`${String(e.stacks)}\` is not valid; expected ${STACK_LAYOUTS.join(' or ')}`,
      );
    TARGET.environment.check(check, e, p);
    for (const kind of ['groups', 'users'] as const) {
      const map = e.identity?.[kind] ?? {};
      for (const k of Object.keys(map))
        TARGET.environment.checkPrincipal(
          check,
          map[k],
          [...p, 'identity', kind, k],
          `environment ${e.name}: principal of ${kind.slice(0, -1)} ${k}`,
        );
    }
    (e.identity?.attributeSessionPrincipals ?? []).forEach((a, j) =>
      TARGET.environment.checkPrincipal(
        check,
        a,
        [...p, 'identity', 'attributeSessionPrincipals', j],
        `environment ${e.name}: attribute session principal`,
      ),
    );
    if (e.promotesTo !== undefined) {
      if (e.promotesTo === e.name) check.add([...p, 'promotesTo'], `environment ${e.name} cannot promote to itself`);
      else if (!byName.has(e.promotesTo))
        check.add(
          [...p, 'promotesTo'],
          `environment ${e.name} promotes to unknown environment \`${e.promotesTo}\``,
          suggest(e.promotesTo, byName.keys()),
        );
    }
  });
  TARGET.environment.checkApart(check, envs);
  // Promotion must be a chain without cycles.
  for (const e of envs) {
    const seen = new Set<string>([e.name]);
    let next = e.promotesTo;
    while (next !== undefined && byName.has(next)) {
      if (seen.has(next)) {
        check.add(['environments', envs.indexOf(e), 'promotesTo'], `environment promotion forms a cycle through ${e.name}`);
        break;
      }
      seen.add(next);
      next = byName.get(next)!.promotesTo;
    }
  }
  return byName;
}

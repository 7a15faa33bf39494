import { Approval, ApprovalSpec, checkApproval, isExpired, toApproval } from './approval';
import { FilterReaders, canonicalRowFilter, checkRowFilter } from './check-row-filter';
import type { Classification } from './classification';
import type { IdentityMappings } from './members';
import { OutputPortSpec, columnNames } from './output-port';
import { SpecPath } from './problems';
import { SpecCheck } from './spec-check';
import { suggest } from './suggest';

/**
 * A manual override: the product's owner admits one named person to ports of the product that
 * neither its roles nor the purposes it serves open to them, for a limited time (Immuta's
 * "manual override"). It needs the owner's recorded approval and an expiry, and every access
 * report lists it as an override.
 */
export interface OverrideSpec extends ApprovalSpec {
  /** The person admitted: a directory user, mapped to a principal in every environment the product reaches. */
  readonly user: string;
  /** Output ports of the product the person may read. */
  readonly ports: readonly string[];
  /**
   * Columns readable (a subset of each port's columns).
   * @default - every column the product's owner sees
   */
  readonly columns?: readonly string[];
  /**
   * Row filter (a static PartiQL condition).
   * @default - all rows
   */
  readonly rows?: string;
}

/** A validated override. */
export interface Override {
  readonly user: string;
  /** Sorted. */
  readonly ports: readonly string[];
  /** Sorted, when the override restricts columns. */
  readonly columns?: readonly string[];
  readonly rows?: string;
  /** The owner's approval; `expires` is always set. */
  readonly approval: Approval & { readonly expires: string };
  /** Where it is in the spec (`['products', i, 'overrides', j]`). */
  readonly specPath: SpecPath;
}

/** What checking an override needs to know about its product and the mesh. */
export interface OverrideScope {
  readonly product: string;
  /** The product's owner: the one person who may approve an override of it. */
  readonly owner: string;
  readonly ports: ReadonlyMap<string, OutputPortSpec>;
  readonly promotedTo: readonly string[];
  readonly environments: IdentityMappings;
  readonly classification?: Classification;
  /** Whose filter rules decide which columns a row filter may test: the owner's (the whole product). */
  readonly readers?: FilterReaders;
  /** The day the mesh is built for: an expired override needs no principal any more. */
  readonly asOf?: string;
}

/**
 * Checks an override: a user name, known ports and columns, a valid row filter, an approval by
 * the product's owner (not by the person admitted) with a reason or ticket, an expiry, and a
 * principal for the user in every environment the product reaches (unless it has expired).
 */
export function checkOverride(check: SpecCheck, o: OverrideSpec, path: SpecPath, scope: OverrideScope): void {
  const who = `product ${scope.product}: override for ${o.user}`;
  if (typeof o.user !== 'string' || o.user === '' || o.user.includes('*')) {
    check.add([...path, 'user'], `product ${scope.product}: an override names one user; \`${String(o.user ?? '')}\` is not a user name`);
    return;
  }
  if (!o.ports || o.ports.length === 0) check.add([...path, 'ports'], `${who} lists no port`);
  (o.ports ?? []).forEach((port, j) => {
    if (!scope.ports.has(port))
      check.add([...path, 'ports', j], `${who} names unknown port \`${port}\``, suggest(port, scope.ports.keys()));
  });
  if (o.columns !== undefined && o.columns.length === 0)
    check.add([...path, 'columns'], `${who} lists no column; leave \`columns\` out to admit every column the owner sees`);
  (o.columns ?? []).forEach((c, j) => {
    if (!(o.ports ?? []).some((port) => columnNames(scope.ports.get(port)).has(c)))
      check.add([...path, 'columns', j], `${who} names column \`${c}\`, which none of its ports has`);
  });
  // With an unknown port or no column the filter's columns cannot be judged: that is reported instead.
  if (o.rows !== undefined && (o.ports ?? []).every((port) => scope.ports.has(port)) && o.columns?.length !== 0) {
    checkRowFilter(
      {
        rows: o.rows,
        path: [...path, 'rows'],
        who,
        ports: (o.ports ?? []).flatMap((n) => scope.ports.get(n) ?? []),
        columns: o.columns,
        readers: scope.readers,
      },
      scope.classification,
      check.problems,
    );
  }
  checkApproval(check, o, path, who);
  if (o.approvedBy === undefined)
    check.add(
      path,
      `${who} has no recorded approval; ${scope.owner} (the owner of ${scope.product}) must approve it`,
      'add approvedBy, approvedOn and a reason or ticket',
    );
  // A product without an owner is reported on its own.
  else if (scope.owner && o.approvedBy !== scope.owner)
    check.add(
      [...path, 'approvedBy'],
      `${who} is approved by ${o.approvedBy}; only ${scope.owner}, the owner of ${scope.product}, may approve an override`,
    );
  if (o.approvedBy !== undefined && o.approvedBy === o.user) check.add([...path, 'approvedBy'], `${who}: nobody approves their own access`);
  if (o.expires === undefined)
    check.add(path, `${who} has no expiry; an override always ends`, 'add expires: its last day, YYYY-MM-DD (UTC)');
  if (scope.asOf !== undefined && isExpired(o, scope.asOf)) return;
  for (const envName of scope.promotedTo) {
    const env = scope.environments.get(envName);
    if (env !== undefined && !Object.hasOwn(env.identity?.users ?? {}, o.user))
      check.add(
        [...path, 'user'],
        `${who}: user \`${o.user}\` has no principal in environment ${envName}`,
        `map it under environments[${envName}].identity.users: an override admits that principal only`,
      );
  }
}

/** Every user has at most one override per port: two would be two grants to one principal on one table. */
export function checkOverridesUnique(check: SpecCheck, overrides: readonly OverrideSpec[], path: SpecPath, product: string): void {
  const seen = new Set<string>();
  overrides.forEach((o, i) =>
    (o.ports ?? []).forEach((port, j) => {
      const key = `${o.user}\u0000${port}`;
      if (seen.has(key))
        check.add([...path, i, 'ports', j], `product ${product}: user ${o.user} has two overrides on port ${port}; keep one`);
      seen.add(key);
    }),
  );
}

/** The validated override of a checked spec. */
export function toOverride(o: OverrideSpec, specPath: SpecPath): Override {
  return {
    user: o.user,
    ports: [...new Set(o.ports)].sort(),
    columns: o.columns ? [...new Set(o.columns)].sort() : undefined,
    rows: o.rows === undefined ? undefined : canonicalRowFilter(o.rows),
    approval: toApproval(o) as Override['approval'],
    specPath,
  };
}

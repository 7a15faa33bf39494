import { Approval, ApprovalSpec, toApproval } from './approval';
import { OutputPortSpec, columnNames } from './output-port';
import { SpecPath } from './problems';
import { ACCESS_LEVELS, AccessLevel, MAX_LEVEL, PRODUCT_ROLES, ProductRoleName, levelWithin, roleClearance } from './product-role';
import { FilterReaders, canonicalRowFilter, checkRowFilter } from './check-row-filter';
import type { Classification } from './classification';
import { SpecCheck } from './spec-check';
import { suggest } from './suggest';

/**
 * Access of one product role (or of a consuming product) to one output port.
 * Exactly one of `role` and `consumer` is set.
 */
export interface GrantSpec extends ApprovalSpec {
  /** A role of this product. */
  readonly role?: ProductRoleName;
  /**
   * Another product (`<domain>.<product>`) whose Engineer role reads this port through an input
   * port; the consuming product must declare that input port.
   */
  readonly consumer?: string;
  /** Output port of this product. */
  readonly port: string;
  /** `read`, `write` (Engineers and Owners) or `admin` (Owners). */
  readonly level: AccessLevel;
  /**
   * Read grants only: the columns readable through the grant.
   * @default - every column the grantee's clearance allows
   */
  readonly columns?: readonly string[];
  /**
   * Read grants only: a row filter (a static PartiQL condition, e.g. `country = 'FR'`).
   * @default - all rows
   */
  readonly rows?: string;
}

/** Who a grant is for. */
export type Grantee = { readonly kind: 'role'; readonly role: ProductRoleName } | { readonly kind: 'consumer'; readonly product: string };

/** A validated grant. */
export interface Grant {
  readonly grantee: Grantee;
  readonly port: string;
  readonly level: AccessLevel;
  /** Sorted, when the grant restricts columns. */
  readonly columns?: readonly string[];
  readonly rows?: string;
  /** Where the grant is in the spec (`['products', i, 'grants', j]`): access planned from it, and findings on it, point here. */
  /** Who approved the grant and until when (empty when nothing is recorded). */
  readonly approval: Approval;
  readonly specPath: SpecPath;
}

/** What a grant check needs to know about the product that declares it. */
export interface GrantScope {
  /** Id of the granting product. */
  readonly product: string;
  /** Its output ports by name. */
  readonly ports: ReadonlyMap<string, OutputPortSpec>;
  /** Every product of the mesh by id, to check that a consumer declares the matching input port. */
  readonly products: ReadonlyMap<string, { readonly inputPorts?: readonly { readonly product: string; readonly port: string }[] }>;
  /** `<grantee>/<port>` of the product's grants checked so far, to find duplicates. */
  readonly seen: Set<string>;
  /** Undefined when the scheme has problems of its own (row filters are then checked for syntax only). */
  readonly classification?: Classification;
  /** The product's Analyst clearance as written (the scheme's default level when undefined). */
  readonly analystClearance?: string;
}

/** Checks one grant: its grantee, level, port, columns and rows. */
export function checkGrant(check: SpecCheck, g: GrantSpec, scope: GrantScope, path: SpecPath): void {
  const who = `product ${scope.product}`;
  if ((g.role === undefined) === (g.consumer === undefined)) {
    check.add(path, `${who}: a grant names either a \`role\` or a \`consumer\` product, not ${g.role === undefined ? 'neither' : 'both'}`);
    return;
  }
  const grantee = g.role ?? g.consumer!;
  if (g.role !== undefined && !(PRODUCT_ROLES as readonly string[]).includes(g.role)) {
    check.add([...path, 'role'], `${who}: unknown role \`${g.role}\``, suggest(g.role, PRODUCT_ROLES));
    return;
  }
  if (g.consumer !== undefined) {
    const consumer = scope.products.get(g.consumer);
    if (consumer === undefined)
      check.add(
        [...path, 'consumer'],
        `${who}: grant to unknown consumer product \`${g.consumer}\``,
        suggest(g.consumer, scope.products.keys()),
      );
    else if (!(consumer.inputPorts ?? []).some((ip) => ip.product === scope.product && ip.port === g.port)) {
      check.add(
        [...path, 'consumer'],
        `${who} grants ${g.consumer} port ${g.port}, but ${g.consumer} declares no input port for it`,
        `add \`{ product: ${scope.product}, port: ${g.port} }\` to its inputPorts`,
      );
    }
  }
  if (!(ACCESS_LEVELS as readonly string[]).includes(g.level)) {
    check.add([...path, 'level'], `${who}: unknown access level \`${g.level}\``, suggest(g.level, ACCESS_LEVELS));
    return;
  }
  const max = g.role !== undefined ? MAX_LEVEL[g.role] : 'read';
  if (!levelWithin(g.level, max)) {
    check.add(
      [...path, 'level'],
      `${who}: ${g.role ?? `consumer ${g.consumer}`} cannot be granted ${g.level}; the most it may have is ${max}`,
    );
  }
  const port = scope.ports.get(g.port);
  if (port === undefined) {
    check.add([...path, 'port'], `${who}: grant to ${grantee} names unknown port \`${g.port}\``, suggest(g.port, scope.ports.keys()));
  } else {
    const names = columnNames(port);
    (g.columns ?? []).forEach((c, i) => {
      if (!names.has(c)) check.add([...path, 'columns', i], `${who}: port ${g.port} has no column \`${c}\``, suggest(c, names));
    });
  }
  if (g.columns !== undefined && g.columns.length === 0)
    check.add([...path, 'columns'], `${who}: grant lists no column; leave \`columns\` out to grant every column the clearance allows`);
  if (g.level !== 'read' && (g.columns !== undefined || g.rows !== undefined)) {
    check.add(path, `${who}: a ${g.level} grant cannot restrict columns or rows; Lake Formation limits writes to whole tables`);
  }
  if (g.rows !== undefined) {
    checkRowFilter(
      {
        rows: g.rows,
        path: [...path, 'rows'],
        who: `${who}: grant to ${grantee}`,
        ports: port ? [port] : [],
        columns: g.columns,
        readers: grantReaders(g, scope),
      },
      scope.classification,
      check.problems,
    );
  }
  const key = `${grantee}/${g.port}`;
  if (scope.seen.has(key)) check.add(path, `${who} grants ${grantee} port ${g.port} twice; merge them into one grant`);
  scope.seen.add(key);
}

/** Whose clearance a grant reads with: analysts' own, the whole product for engineers and owners, this product's Analyst clearance for a consumer. */
function grantReaders(g: GrantSpec, scope: GrantScope): FilterReaders | undefined {
  const c = scope.classification;
  return (
    c && {
      kind: 'clearance',
      // A consumer reads with the product's Analyst clearance.
      clearance: roleClearance(g.role ?? 'analyst', scope.analystClearance, c),
    }
  );
}

/** The validated grant of a checked spec, at `specPath` (`['products', i, 'grants', j]`). */
export function toGrant(g: GrantSpec, specPath: SpecPath): Grant {
  return {
    grantee: g.role !== undefined ? { kind: 'role', role: g.role } : { kind: 'consumer', product: g.consumer! },
    port: g.port,
    level: g.level,
    columns: g.columns ? [...new Set(g.columns)].sort() : undefined,
    rows: g.rows === undefined ? undefined : canonicalRowFilter(g.rows),
    approval: toApproval(g),
    specPath,
  };
}

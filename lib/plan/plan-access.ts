import type { Classification } from '../model/classification';
import type { OutputPort } from '../model/output-port';
import { TABLE_PERMISSIONS } from '../aws/permissions';
import { GRANTABLE_LEVELS } from '../model/product-role';
import type { AccessLevel } from '../model/product-role';
import { AccessHolder, AccessMechanism, AccessVia, PlannedAccess, holderOf } from './access-entry';
import { ColumnAllowance, readableColumns } from './readable-columns';

/** One request for access, from the spec (a grant or binding) or from code (`port.grantRead(role)`). */
export interface AccessRequest {
  readonly environment: string;
  readonly via: AccessVia;
  /** Product whose port is read. */
  readonly product: string;
  readonly port: OutputPort;
  readonly level: AccessLevel;
  /** What the holder may see of any table. */
  readonly allowance: ColumnAllowance;
  /**
   * Columns asked for.
   * @default - every column within the allowance
   */
  readonly columns?: readonly string[];
  /**
   * Row filter.
   * @default - all rows
   */
  readonly rows?: string;
  /**
   * The principal that holds the access; required for a policy path.
   * @default - the named holder of `via` (the product role, the consumer's Engineers, the purpose)
   */
  readonly holder?: AccessHolder;
}

/**
 * Plans one request: the columns it shows, its permissions and the mechanism that enforces it.
 * Undefined when the allowance hides every asked column: such a request gives no access at all.
 */
export function planAccess(classification: Classification, request: AccessRequest): PlannedAccess | undefined {
  const { via, product, port, level, rows } = request;
  if (level !== 'read' && (request.columns !== undefined || rows !== undefined)) {
    throw new Error(`${product}/${port.name}: a ${level} grant cannot limit columns or rows`);
  }
  const columns = readableColumns(classification, port, request.allowance, request.columns);
  if (columns.length === 0) return undefined;
  const restricted = request.columns !== undefined || rows !== undefined;
  if (request.holder === undefined && via.kind === 'policy') throw new Error(`${product}/${port.name}: a policy path needs its principal`);
  const holder = request.holder ?? holderOf(via as Exclude<AccessVia, { kind: 'policy' }>);
  return {
    environment: request.environment,
    holder,
    via,
    product,
    port: port.name,
    level,
    columns,
    rows,
    permissions: TABLE_PERMISSIONS[level],
    grantable: GRANTABLE_LEVELS.includes(level),
    mechanism: mechanismFor(holder, via, product, level, restricted, rows),
  };
}

/**
 * Tags cover whole tables a holder reaches by its own access tag: a role on its own product, a
 * purpose on the ports bound to it. Everything else is granted by name, so that a column added
 * later stays hidden until it is declared; principals of global policies have no access tag.
 */
function mechanismFor(
  holder: AccessHolder,
  via: AccessVia,
  product: string,
  level: AccessLevel,
  restricted: boolean,
  rows: string | undefined,
): AccessMechanism {
  const ownTag = holder.kind !== 'policy' && (via.kind === 'purpose' || (via.kind === 'role' && via.product === product));
  if (ownTag && !restricted) return 'tag-policy';
  if (level !== 'read') return 'named-table';
  return rows !== undefined ? 'data-cells-filter' : 'named-columns';
}

import type { Classification } from '../model/classification';
import type { OutputPort } from '../model/output-port';
import { TABLE_PERMISSIONS } from '../aws/permissions';
import { GRANTABLE_LEVELS } from '../model/product-role';
import type { AccessLevel } from '../model/product-role';
import { AccessMechanism, AccessVia, PlannedAccess, holderOf } from './access-entry';
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
  return {
    environment: request.environment,
    holder: holderOf(via),
    via,
    product,
    port: port.name,
    level,
    columns,
    rows,
    permissions: TABLE_PERMISSIONS[level],
    grantable: GRANTABLE_LEVELS.includes(level),
    mechanism: mechanismFor(via, product, level, restricted, rows),
  };
}

/**
 * Tags cover whole tables a holder reaches by its own access tag: a role on its own product, a
 * purpose on the ports bound to it. Everything else is granted by name, so that a column added
 * later stays hidden until it is declared.
 */
function mechanismFor(via: AccessVia, product: string, level: AccessLevel, restricted: boolean, rows: string | undefined): AccessMechanism {
  const ownTag = via.kind === 'purpose' || (via.kind === 'role' && via.product === product);
  if (ownTag && !restricted) return 'tag-policy';
  if (level !== 'read') return 'named-table';
  return rows !== undefined ? 'data-cells-filter' : 'named-columns';
}

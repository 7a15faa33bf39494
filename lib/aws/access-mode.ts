import type { DataProduct } from '../model/data-product';
import type { Environment } from '../model/environment';
import { productDatabaseName } from './names';

/** A table of an environment that stays open to IAM-only access. */
export interface IamOpenTable {
  readonly product: string;
  readonly port: string;
  readonly database: string;
  readonly table: string;
}

/**
 * The tables of an environment that IAM principals can still read without a Lake Formation
 * grant: in hybrid access mode, every table of every product there (its storage is registered in
 * hybrid mode, and the account's default IAM_ALLOWED_PRINCIPALS permissions are kept). Effective
 * access to them is wider than the access plan. `products` are those promoted to `env`. Sorted by
 * database, then table.
 */
export function tablesOpenToIam(env: Environment, products: readonly DataProduct[]): IamOpenTable[] {
  if (env.accessMode !== 'hybrid') return [];
  return products
    .flatMap((p) => p.outputPorts.map((o) => ({ product: p.id, port: o.name, database: productDatabaseName(env, p), table: o.tableName })))
    .sort((a, b) => (a.database < b.database ? -1 : a.database > b.database ? 1 : a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
}

import { isObject } from '../input/json-object';
import { UpstreamFormatError } from './glue-tables';
import { UpstreamChecker, UpstreamColumn, UpstreamRead, UpstreamTable } from './upstream-table';

/** Node types of a manifest that build a table or view consumers read. */
const TABLE_NODES = new Set(['model', 'seed', 'snapshot']);

/**
 * Reads a dbt manifest (`target/manifest.json`, schema v12 and the versions before it with the
 * same node shape): every enabled model, seed and snapshot becomes a table in the Glue database
 * its `schema` names (dbt-athena and dbt-glue write a node's schema as the Glue database), named
 * `alias` or else `name`. Columns come from the node's documented `columns`, with `data_type` as
 * type (a column without one is reported, not guessed) and `description`; entity tags from the
 * column's dbt `tags` and its `meta.tags` (the mesh's classification keeps those it knows).
 * Nodes are read in the order of their unique ids.
 * @throws UpstreamFormatError when the document has no `nodes`
 */
export function readDbtManifest(json: unknown): UpstreamRead {
  const nodes = isObject(json) ? json.nodes : undefined;
  if (!isObject(nodes)) throw new UpstreamFormatError('has no `nodes`: expected a dbt manifest (target/manifest.json)');
  const check = new UpstreamChecker();
  const tables: UpstreamTable[] = [];
  for (const id of Object.keys(nodes).sort()) {
    const node = nodes[id];
    if (!isObject(node) || !TABLE_NODES.has(String(node.resource_type))) continue;
    const config = isObject(node.config) ? node.config : {};
    if (config.enabled === false || config.materialized === 'ephemeral') continue;
    const name = check.tableName(typeof node.alias === 'string' && node.alias !== '' ? node.alias : node.name, `node ${id}`);
    const database = check.tableName(node.schema, `node ${id}: schema`);
    if (name === undefined || database === undefined) continue;
    const columns: UpstreamColumn[] = [];
    const documented = isObject(node.columns) ? node.columns : {};
    for (const key of Object.keys(documented)) {
      const c = documented[key];
      if (!isObject(c)) continue;
      if (c.data_type === null || c.data_type === undefined) {
        check.skipped.push(`table ${name}: column ${String(c.name ?? key)} skipped: no data_type in the manifest (declare it in dbt)`);
        continue;
      }
      const meta = isObject(c.meta) ? c.meta : {};
      const tags = [...(Array.isArray(c.tags) ? c.tags : []), ...(Array.isArray(meta.tags) ? meta.tags : [])];
      const column = check.column({ name: c.name ?? key, type: c.data_type, description: c.description, tags }, `table ${name}`);
      if (column !== undefined) columns.push(column);
    }
    const description = check.description(node.description, `table ${name}`);
    tables.push({ database, name, ...(description !== undefined ? { description } : {}), columns, partitionKeys: [] });
  }
  return { tables, skipped: check.skipped };
}

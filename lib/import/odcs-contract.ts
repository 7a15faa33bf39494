import { isObject } from '../input/json-object';
import { UpstreamFormatError } from './glue-tables';
import { UpstreamChecker, UpstreamColumn, UpstreamRead, UpstreamTable } from './upstream-table';

/** Glue types for ODCS logical types, when a property has no `physicalType`. */
const LOGICAL_TYPES: Readonly<Record<string, string>> = {
  string: 'string',
  date: 'date',
  timestamp: 'timestamp',
  integer: 'bigint',
  number: 'double',
  boolean: 'boolean',
};

/**
 * Reads an Open Data Contract Standard v3 contract (`kind: DataContract`, `apiVersion: v3.x`):
 * each schema object becomes a table (`physicalName`, else `name`) in the Glue database of the
 * contract's first `glue` server (`database`) or `athena` server (`schema`). Properties become
 * columns: `physicalType` (else the Glue type of `logicalType`), `description`; entity tag
 * candidates are the property's `tags` and its `classification` (the mesh keeps those it knows).
 * Partition keys are the properties with `partitioned: true`, in `partitionKeyPosition` order.
 * @throws UpstreamFormatError when the document is not an ODCS v3 contract or names no database
 */
export function readOdcsContract(doc: unknown): UpstreamRead {
  if (!isObject(doc) || doc.kind !== 'DataContract' || typeof doc.apiVersion !== 'string' || !doc.apiVersion.startsWith('v3'))
    throw new UpstreamFormatError('is not an ODCS v3 data contract (`kind: DataContract`, `apiVersion: v3.x`)');
  const servers = Array.isArray(doc.servers) ? doc.servers.filter(isObject) : [];
  const server = servers.find((s) => s.type === 'glue' || s.type === 'athena');
  const check = new UpstreamChecker();
  const database =
    server === undefined ? undefined : check.tableName(server.type === 'glue' ? server.database : server.schema, 'servers: database');
  if (database === undefined)
    throw new UpstreamFormatError('names no Glue database: add a server of type `glue` with `database` (or `athena` with `schema`)');
  const tables: UpstreamTable[] = [];
  for (const object of Array.isArray(doc.schema) ? doc.schema.filter(isObject) : []) {
    const name = check.tableName(object.physicalName ?? object.name, 'schema');
    if (name === undefined) continue;
    const columns: UpstreamColumn[] = [];
    const keys: { column: UpstreamColumn; position: number }[] = [];
    for (const p of Array.isArray(object.properties) ? object.properties.filter(isObject) : []) {
      const logical = typeof p.logicalType === 'string' ? LOGICAL_TYPES[p.logicalType] : undefined;
      const tags = [...(Array.isArray(p.tags) ? p.tags : []), ...(typeof p.classification === 'string' ? [p.classification] : [])];
      const column = check.column(
        { name: p.physicalName ?? p.name, type: p.physicalType ?? logical ?? p.logicalType, description: p.description, tags },
        `table ${name}`,
      );
      if (column === undefined) continue;
      if (p.partitioned === true)
        keys.push({ column, position: typeof p.partitionKeyPosition === 'number' ? p.partitionKeyPosition : keys.length });
      else columns.push(column);
    }
    const description = check.description(object.description, `table ${name}`);
    tables.push({
      database,
      name,
      ...(description !== undefined ? { description } : {}),
      columns,
      partitionKeys: keys.sort((a, b) => a.position - b.position).map((k) => k.column),
    });
  }
  return { tables, skipped: check.skipped };
}

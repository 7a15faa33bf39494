import { isObject } from '../input/json-object';
import { UpstreamChecker, UpstreamColumn, UpstreamRead, UpstreamTable, shown } from './upstream-table';

/** Glue column parameter meshgrant reads entity tags from: `"meshgrant:tags": "email, phone"`. */
export const GLUE_TAGS_PARAMETER = 'meshgrant:tags';

/** What `aws glue get-tables` prints is not in the expected shape. */
export class UpstreamFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamFormatError';
  }
}

/**
 * Reads the JSON `aws glue get-tables --database-name <db>` prints (`{ "TableList": [ { "Name",
 * "DatabaseName", "Description", "StorageDescriptor": { "Columns": [ { "Name", "Type", "Comment",
 * "Parameters" } ] }, "PartitionKeys": [...] } ] }`; several pages may be concatenated as a list
 * of such objects). Entity tags come from the column parameter `meshgrant:tags` (comma-separated).
 * @throws UpstreamFormatError when the document has no table list
 */
export function readGlueTables(json: unknown): UpstreamRead {
  const pages = Array.isArray(json) ? json : [json];
  const check = new UpstreamChecker();
  const tables: UpstreamTable[] = [];
  for (const page of pages) {
    const list = isObject(page) ? page.TableList : undefined;
    if (!Array.isArray(list)) throw new UpstreamFormatError('has no `TableList`: expected the JSON that `aws glue get-tables` prints');
    list.forEach((t, i) => {
      if (!isObject(t)) return;
      const where = `TableList[${i}]`;
      const name = check.tableName(t.Name, where);
      const database = check.tableName(t.DatabaseName, `${where} (${shown(t.Name)}): database`);
      if (name === undefined || database === undefined) return;
      const columns = (list: unknown) =>
        (Array.isArray(list) ? list : [])
          .filter(isObject)
          .map((c) =>
            check.column(
              { name: c.Name, type: c.Type, description: c.Comment, tags: tagsOf(isObject(c.Parameters) ? c.Parameters : {}) },
              `table ${name}`,
            ),
          )
          .filter((c): c is UpstreamColumn => c !== undefined);
      const description = check.description(t.Description, `table ${name}`);
      tables.push({
        database,
        name,
        ...(description !== undefined ? { description } : {}),
        columns: columns(isObject(t.StorageDescriptor) ? t.StorageDescriptor.Columns : undefined),
        partitionKeys: columns(t.PartitionKeys),
      });
    });
  }
  return { tables, skipped: check.skipped };
}

function tagsOf(parameters: Readonly<Record<string, unknown>>): string[] {
  const value = parameters[GLUE_TAGS_PARAMETER];
  return typeof value === 'string'
    ? value
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '')
    : value === undefined
      ? []
      : [String(value)];
}

/** A JSON object (not null, not a list). */

import { productDatabaseName } from '../aws/names';
import type { Mesh } from '../model/mesh';
import { UpstreamRead } from './upstream-table';

/** One difference between the declared ports and the catalog. */
export interface CatalogDrift {
  /** `<database>.<table>`. */
  readonly table: string;
  /** Product and port declaring the table. */
  readonly port: string;
  readonly kind: 'missing-table' | 'missing-column' | 'retyped-column' | 'new-column';
  /** True when the drift changes who can read what (or makes grants fail): `check-catalog` then exits 1. */
  readonly changesAccess: boolean;
  readonly message: string;
}

/**
 * Compares the ports of an environment with a catalog export: a declared table the export's
 * databases lack, a declared column the table lacks (grants naming it fail), a column whose type
 * differs, and a column the table has but the port does not declare. Such a column carries no
 * classification tag of its own, so every reader of a whole-table grant sees it at the default
 * level: that changes access. Tables of databases the export does not hold are not judged.
 */
export function catalogDrift(mesh: Mesh, environment: string, read: UpstreamRead): CatalogDrift[] {
  const env = mesh.environment(environment);
  const exported = new Map(read.tables.map((t) => [`${t.database}.${t.name}`, t]));
  const databases = new Set(read.tables.map((t) => t.database));
  const out: CatalogDrift[] = [];
  for (const product of mesh.productsIn(environment)) {
    const database = productDatabaseName(env, product);
    if (!databases.has(database)) continue;
    for (const port of product.outputPorts) {
      const table = `${database}.${port.tableName}`;
      const where = { table, port: `${product.id}/${port.name}` };
      const upstream = exported.get(table);
      if (upstream === undefined) {
        out.push({
          ...where,
          kind: 'missing-table',
          changesAccess: true,
          message: `${table}: declared by ${where.port}, not in the catalog`,
        });
        continue;
      }
      const actual = new Map([...upstream.columns, ...upstream.partitionKeys].map((c) => [c.name, c]));
      for (const column of port.columns) {
        const found = actual.get(column.name);
        if (found === undefined)
          out.push({
            ...where,
            kind: 'missing-column',
            changesAccess: true,
            message: `${table}: column ${column.name} is declared but not in the catalog`,
          });
        else if (found.type !== column.type.toLowerCase())
          out.push({
            ...where,
            kind: 'retyped-column',
            changesAccess: false,
            message: `${table}: column ${column.name} is declared ${column.type}, the catalog has ${found.type}`,
          });
      }
      const declared = new Set(port.columns.map((c) => c.name));
      for (const column of actual.values()) {
        if (declared.has(column.name)) continue;
        out.push({
          ...where,
          kind: 'new-column',
          changesAccess: true,
          message: `${table}: column ${column.name} (${column.type}) is not declared: untagged, readers of the whole table see it at level ${mesh.classification.defaultLevel}`,
        });
      }
    }
  }
  return out;
}

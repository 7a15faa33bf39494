import { Document, YAMLMap, YAMLSeq, isMap, isSeq, parseDocument } from 'yaml';
import { NAME_PATTERNS } from '../model/names';
import { UpstreamColumn, UpstreamRead, UpstreamTable } from './upstream-table';

/** The product file an import writes into. */
export interface ImportTarget {
  /** `<domain>.<product>`. */
  readonly productId: string;
  /** The product file as it is, or undefined when there is none yet. */
  readonly existing?: string;
  /** For a new file: the person accountable, and the environments it goes to. */
  readonly owner: string;
  readonly promotedTo: readonly string[];
  /**
   * The classification's entity tags: upstream tags outside it are reported, not written.
   * @default - every upstream tag is written
   */
  readonly entities?: ReadonlySet<string>;
}

/** The product file after an import, and what changed. */
export interface ImportResult {
  readonly text: string;
  /** One line per change or value left out, in upstream order; empty when nothing changed. */
  readonly report: readonly string[];
}

/** An import that cannot be merged (tables of several databases, another database than the product's). */
export class ImportConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportConflictError';
  }
}

/**
 * Writes upstream tables into a product file as output ports whose tables are owned elsewhere,
 * keeping what people edited. A port is matched by its table name. Columns are matched by name:
 * new ones are appended, retyped ones get the upstream type, descriptions follow upstream when
 * it has one, tags upstream adds are added and tags added by hand stay. A column gone upstream
 * leaves the port, and the grants, bindings and row filters that still name it are reported and
 * left as they are (validation then fails on them until someone decides). A port whose table is
 * gone upstream is reported and kept. Grants, roles, purposes, suppressions, comments and
 * everything else are left untouched.
 * @throws ImportConflictError when the tables span several databases, or not the product's
 */
export function mergeProduct(read: UpstreamRead, target: ImportTarget): ImportResult {
  const databases = [...new Set(read.tables.map((t) => t.database))].sort();
  if (databases.length > 1)
    throw new ImportConflictError(
      `the tables are in ${databases.length} databases (${databases.join(', ')}); a product has one: import each database into its own product`,
    );
  const doc = target.existing === undefined ? newProductDocument(target) : parseDocument(target.existing);
  const report: string[] = [];
  const database = databases[0];
  if (database !== undefined) claimDatabase(doc, database, target.existing === undefined, report);

  if (!isSeq(doc.get('outputPorts'))) doc.set('outputPorts', doc.createNode([]));
  const ports = doc.get('outputPorts') as YAMLSeq;
  const portMaps = ports.items.filter(isMap) as YAMLMap[];
  const tableOf = (p: YAMLMap) => String(p.getIn(['table', 'name']) ?? String(p.get('name')).replace(/[^a-z0-9_]/g, '_'));
  const seen = new Set<string>();
  for (const table of read.tables) {
    seen.add(table.name);
    const port = portMaps.find((p) => tableOf(p) === table.name);
    if (port === undefined) addPort(doc, ports, table, target, report);
    else updatePort(doc, port, table, target, report);
  }
  for (const port of portMaps) {
    if (!seen.has(tableOf(port)) && read.tables.length > 0)
      report.push(`port ${String(port.get('name'))}: table ${tableOf(port)} is no longer upstream; port kept, remove it by hand`);
  }
  report.push(...read.skipped.map((s) => `skipped: ${s}`));
  return { text: doc.toString({ flowCollectionPadding: false, lineWidth: 0 }), report };
}

function newProductDocument(target: ImportTarget): Document {
  const [domain] = target.productId.split('.');
  return new Document({
    apiVersion: 'meshgrant/v1',
    kind: 'DataProduct',
    id: target.productId,
    info: { title: target.productId, owner: target.owner, domain },
    promotedTo: [...target.promotedTo],
  });
}

/** The product's catalog becomes the upstream database, owned elsewhere, unless it names another. */
function claimDatabase(doc: Document, database: string, created: boolean, report: string[]): void {
  const named = doc.getIn(['catalog', 'database']);
  if (named !== undefined && named !== database)
    throw new ImportConflictError(`the tables are in database ${database}, but the product's catalog names ${String(named)}`);
  if (named === undefined) {
    if (!isMap(doc.get('catalog'))) doc.set('catalog', doc.createNode({}));
    doc.setIn(['catalog', 'owner'], 'external');
    doc.setIn(['catalog', 'database'], database);
    if (!created) report.push(`catalog: database ${database}, owned elsewhere`);
  }
}

function addPort(doc: Document, ports: YAMLSeq, table: UpstreamTable, target: ImportTarget, report: string[]): void {
  if (!NAME_PATTERNS.port.test(table.name)) {
    report.push(`table ${table.name}: not added: too long for a port name; add the port by hand with table.name`);
    return;
  }
  const notes: string[] = [];
  const column = (c: UpstreamColumn) => {
    const tags = tagsKept(c, target, `port ${table.name}: column ${c.name}`, notes);
    return {
      name: c.name,
      type: c.type,
      ...(c.description !== undefined ? { description: c.description } : {}),
      ...(tags.length > 0 ? { tags } : {}),
    };
  };
  const port = {
    name: table.name,
    ...(table.description !== undefined ? { description: table.description } : {}),
    ...(table.partitionKeys.length > 0 ? { table: { partitionKeys: table.partitionKeys.map(column) } } : {}),
    columns: table.columns.map(column),
  };
  ports.add(doc.createNode(port));
  report.push(`port ${table.name}: added, ${table.columns.length + table.partitionKeys.length} columns`, ...notes);
}

function updatePort(doc: Document, port: YAMLMap, table: UpstreamTable, target: ImportTarget, report: string[]): void {
  const name = String(port.get('name'));
  if (table.description !== undefined && port.get('description') !== table.description) {
    port.set('description', table.description);
    report.push(`port ${name}: description updated`);
  }
  if (!isSeq(port.get('columns'))) port.set('columns', doc.createNode([]));
  mergeColumns(doc, port.get('columns') as YAMLSeq, table.columns, `port ${name}`, name, target, report);
  const keys = port.getIn(['table', 'partitionKeys']);
  if (table.partitionKeys.length > 0 || isSeq(keys)) {
    if (!isSeq(keys)) port.setIn(['table', 'partitionKeys'], doc.createNode([]));
    mergeColumns(
      doc,
      port.getIn(['table', 'partitionKeys']) as YAMLSeq,
      table.partitionKeys,
      `port ${name} (partition keys)`,
      name,
      target,
      report,
    );
  }
}

function mergeColumns(
  doc: Document,
  seq: YAMLSeq,
  upstream: readonly UpstreamColumn[],
  label: string,
  portName: string,
  target: ImportTarget,
  report: string[],
): void {
  const upstreamNames = new Set(upstream.map((c) => c.name));
  for (const item of [...seq.items]) {
    if (!isMap(item)) continue;
    const col = String(item.get('name'));
    if (upstreamNames.has(col)) continue;
    seq.items.splice(seq.items.indexOf(item), 1);
    const naming = namedBy(doc, portName, col);
    report.push(
      `${label}: column ${col} removed upstream${naming.length > 0 ? `; still named by ${naming.join(', ')}: edit them by hand` : ''}`,
    );
  }
  for (const c of upstream) {
    const item = (seq.items.filter(isMap) as YAMLMap[]).find((m) => String(m.get('name')) === c.name);
    const tags = tagsKept(c, target, `${label}: column ${c.name}`, report);
    if (item === undefined) {
      seq.add(
        doc.createNode({
          name: c.name,
          type: c.type,
          ...(c.description !== undefined ? { description: c.description } : {}),
          ...(tags.length > 0 ? { tags } : {}),
        }),
      );
      report.push(`${label}: column ${c.name} added (${c.type})${tags.length > 0 ? `, tags ${tags.join(', ')}` : ''}`);
      continue;
    }
    const type = String(item.get('type'));
    if (type !== c.type) {
      item.set('type', c.type);
      report.push(`${label}: column ${c.name} retyped ${type} -> ${c.type}`);
    }
    if (c.description !== undefined && item.get('description') !== c.description) {
      item.set('description', c.description);
      report.push(`${label}: column ${c.name}: description updated`);
    }
    const had = isSeq(item.get('tags'))
      ? (item.get('tags') as YAMLSeq).items.map((t) => String((t as { value?: unknown }).value ?? t))
      : [];
    const added = tags.filter((t) => !had.includes(t));
    if (added.length > 0) {
      if (!isSeq(item.get('tags'))) item.set('tags', doc.createNode([]));
      for (const t of added) (item.get('tags') as YAMLSeq).add(t);
      report.push(`${label}: column ${c.name}: tags ${added.join(', ')} added`);
    }
  }
}

/** The upstream tags the classification knows; the others are reported once per column. */
function tagsKept(c: UpstreamColumn, target: ImportTarget, where: string, report: string[]): string[] {
  if (target.entities === undefined) return [...c.tags];
  const unknown = c.tags.filter((t) => !target.entities!.has(t));
  if (unknown.length > 0) report.push(`${where}: tags ${unknown.join(', ')} are not entity tags of the classification; not written`);
  return c.tags.filter((t) => target.entities!.has(t));
}

/** The grants and purpose bindings of the product that name a column of a port (in `columns` or in a row filter). */
function namedBy(doc: Document, port: string, column: string): string[] {
  const spec = doc.toJS() as {
    grants?: { port?: string; columns?: string[]; rows?: string }[];
    purposes?: { ports?: string[]; columns?: string[]; rows?: string }[];
  };
  const inRows = (rows: unknown) => typeof rows === 'string' && new RegExp(`(^|[^a-z0-9_])${column}($|[^a-z0-9_])`, 'i').test(rows);
  const out: string[] = [];
  (spec.grants ?? []).forEach((g, i) => {
    if (g.port !== port) return;
    if (g.columns?.includes(column)) out.push(`grants[${i}].columns`);
    if (inRows(g.rows)) out.push(`grants[${i}].rows`);
  });
  (spec.purposes ?? []).forEach((b, i) => {
    if (!b.ports?.includes(port)) return;
    if (b.columns?.includes(column)) out.push(`purposes[${i}].columns`);
    if (inRows(b.rows)) out.push(`purposes[${i}].rows`);
  });
  return out;
}

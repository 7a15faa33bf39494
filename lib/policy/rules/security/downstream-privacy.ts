import type { DataProduct } from '../../../model/data-product';
import type { OutputPort } from '../../../model/output-port';
import type { PurposeBinding } from '../../../model/purpose-binding';
import { RowCondition, parseRowFilter, renderCondition } from '../../../model/row-filter';
import type { PolicyRule, Violation } from '../../rule';
import { listNames } from '../list-names';

/**
 * A purpose's privacy level follows the data downstream: when product B consumes a port of A
 * and both are bound to the same purpose, B's binding restricts at least what A's restricts.
 * - Columns: a column A's binding leaves out is left out of B's binding wherever B carries it
 *   (a column of the same name, or with one of its entity tags: the same fact under another name).
 * - Rows: every condition A's row filter ANDs (its top-level conjuncts, compared in canonical
 *   form) is one of the conditions B's row filter ANDs.
 * B may differ for a reason (it aggregates the rows away): a suppression with that reason.
 */
export const downstreamPrivacy: PolicyRule = {
  id: 'security/downstream-privacy',
  severity: 'error',
  description:
    'A product bound to a purpose restricts at least the rows and columns that the binding of each product it consumes restricts for that purpose.',
  rationale:
    "A purpose binding that hides columns or rows states what the purpose may see of that data. A downstream product bound to the same purpose that shows those columns or rows again undoes it: the purpose's members read through B what A withheld. Where B no longer holds the data (aggregated, pseudonymised), a suppression says so with its reason.",
  *check({ mesh }): Iterable<Violation> {
    const byId = new Map(mesh.products.map((p) => [p.id, p]));
    for (const b of mesh.products) {
      for (const input of b.inputPorts) {
        const a = byId.get(input.product);
        const upstreamPort = a?.outputPorts.find((o) => o.name === input.port);
        if (a === undefined || upstreamPort === undefined) continue;
        for (const upstream of a.purposes.filter((x) => x.ports.includes(input.port))) {
          for (const downstream of b.purposes.filter((x) => x.purpose === upstream.purpose)) {
            const flow: PurposeFlow = { a, port: upstreamPort, upstream, b, downstream };
            yield* columnsShown(flow);
            yield* rowsShown(flow);
          }
        }
      }
    }
  },
};

/** Data of one purpose flowing downstream: A's port, read by B, both bound to the same purpose. */
interface PurposeFlow {
  readonly a: DataProduct;
  readonly port: OutputPort;
  /** A's binding of the port to the purpose. */
  readonly upstream: PurposeBinding;
  readonly b: DataProduct;
  /** B's binding to the same purpose. */
  readonly downstream: PurposeBinding;
}

function* columnsShown({ a, port, upstream, b, downstream }: PurposeFlow): Iterable<Violation> {
  if (upstream.columns === undefined) return;
  const hidden = port.columns.filter((c) => !upstream.columns!.includes(c.name));
  const shown = b.outputPorts
    .filter((o) => downstream.ports.includes(o.name))
    .flatMap((o) => o.columns.filter((c) => downstream.columns === undefined || downstream.columns.includes(c.name)))
    .filter((c) => hidden.some((h) => h.name === c.name || h.tags.some((t) => c.tags.includes(t))))
    .map((c) => c.name);
  const names = [...new Set(shown)].sort();
  if (names.length === 0) return;
  yield {
    path: [...downstream.specPath, 'columns'],
    message: `product ${b.id}: binding to purpose ${downstream.purpose} shows ${listNames(names)}, which ${a.id} hides from ${downstream.purpose} on port ${port.name} it consumes`,
    fix: `list only the columns ${downstream.purpose} may see under \`columns\` (leave out ${listNames(names)}), or suppress security/downstream-privacy on this binding with the reason the data no longer needs hiding`,
  };
}

function* rowsShown({ a, port, upstream, b, downstream }: PurposeFlow): Iterable<Violation> {
  if (upstream.rows === undefined) return;
  const required = conjuncts(upstream.rows);
  const held = new Set(downstream.rows === undefined ? [] : conjuncts(downstream.rows));
  const missing = required.filter((c) => !held.has(c));
  if (missing.length === 0) return;
  yield {
    path: [...downstream.specPath, downstream.rows === undefined ? 'purpose' : 'rows'],
    message: `product ${b.id}: binding to purpose ${downstream.purpose} does not restrict rows as ${a.id} does on port ${port.name} it consumes (missing: ${missing.join(' AND ')})`,
    fix: `AND ${missing.join(' AND ')} into the binding's \`rows\`, or suppress security/downstream-privacy on this binding with the reason the rows no longer need restricting`,
  };
}

/** The conditions a row filter ANDs at its top level, in canonical text; the whole text if it does not parse. */
function conjuncts(rows: string): string[] {
  const parsed = parseRowFilter(rows);
  if (!parsed.ok) return [rows];
  const flat = (c: RowCondition): RowCondition[] => (c.kind === 'and' ? c.operands.flatMap(flat) : [c]);
  return flat(parsed.filter.condition).map(renderCondition);
}

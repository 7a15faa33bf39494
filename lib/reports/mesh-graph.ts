import { Members } from '../model/members';
import { Mesh } from '../model/mesh';
import type { DataProduct } from '../model/data-product';
import { describeAttributeRule } from '../directory/who-can-become';
import { printable } from '../input/printable';

/**
 * Mermaid's default `maxTextSize`: a diagram text longer than this is refused with "Maximum text
 * size in diagram exceeded" (mermaid config schema, `maxTextSize`, default 50000).
 */
export const MERMAID_MAX_TEXT_SIZE = 50_000;

/** What part of the mesh {@link meshGraph} draws; every filter given must hold (they narrow together). */
export interface GraphFilter {
  /** Only the products of this domain. */
  readonly domain?: string;
  /** Only this product (`payments.transactions`). */
  readonly product?: string;
  /** Only this purpose and the products bound to it. */
  readonly purpose?: string;
}

/**
 * The mesh as a Mermaid flowchart, from the model (not from synthesized JSON): domains hold
 * products, products hold their output ports and roles; edges show grants (role -> port, with
 * the level), purpose bindings (purpose -> port) and consumers (port -> consuming product).
 * Deterministic: node ids are numbered in the model's sorted order. With a `filter`, the
 * products it selects are drawn with their neighbours (products they consume from or that
 * consume from them, and the purposes bound to them), so that every edge of theirs has both ends.
 */
export function meshGraph(mesh: Mesh, filter: GraphFilter = {}): string {
  const drawn = drawnParts(mesh, filter);
  const ids = new Map<string, string>();
  const id = (key: string) => ids.get(key) ?? ids.set(key, `n${ids.size + 1}`).get(key)!;
  const portKey = (product: string, port: string) => `port:${product}/${port}`;
  const lines = ['flowchart LR'];
  for (const domain of mesh.domains) {
    const products = mesh.products.filter((p) => p.domain === domain.name && drawn.products.has(p.id));
    if (products.length === 0 && drawn.filtered) continue;
    lines.push(`  subgraph ${id(`domain:${domain.name}`)}["domain ${label(domain.name)}"]`);
    for (const product of products) {
      lines.push(
        `    subgraph ${id(`product:${product.id}`)}["${label(`${product.id}: ${product.title}`)}<br/>${label(`in ${product.promotedTo.join(', ')}`)}"]`,
      );
      for (const port of product.outputPorts) lines.push(`      ${id(portKey(product.id, port.name))}[("${label(`port ${port.name}`)}")]`);
      for (const role of Object.values(product.roles)) {
        const members = describeMembers(role.members);
        lines.push(`      ${id(`role:${product.id}/${role.name}`)}(["${label(role.name)}${members ? `<br/>${label(members)}` : ''}"])`);
      }
      lines.push('    end');
    }
    lines.push('  end');
  }
  for (const purpose of mesh.purposes.filter((p) => drawn.purposes.has(p.name))) {
    const members = describeMembers(purpose.members);
    lines.push(
      `  ${id(`purpose:${purpose.name}`)}{{"${label(`purpose ${purpose.name}`)}<br/>${label(`approver ${purpose.approver}`)}${members ? `<br/>${label(members)}` : ''}"}}`,
    );
  }
  // An edge is drawn when both its ends are.
  const known = (key: string) => ids.has(key);
  const edge = (from: string, arrow: string, to: string) => {
    if (known(from) && known(to)) lines.push(`  ${ids.get(from)} ${arrow} ${ids.get(to)}`);
  };
  for (const product of mesh.products) {
    for (const g of product.grants) {
      const from = g.grantee.kind === 'role' ? `role:${product.id}/${g.grantee.role}` : `role:${g.grantee.product}/engineer`;
      edge(from, `-->|${g.level}${restriction(g.columns, g.rows)}|`, portKey(product.id, g.port));
    }
    for (const b of product.purposes) {
      for (const port of b.ports) edge(`purpose:${b.purpose}`, `-.->|purpose${restriction(b.columns, b.rows)}|`, portKey(product.id, port));
    }
    for (const input of product.inputPorts) edge(portKey(input.product, input.port), '==>|input|', `product:${product.id}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The products and purposes a filter draws: those it selects, and their neighbours. */
function drawnParts(mesh: Mesh, filter: GraphFilter): { filtered: boolean; products: ReadonlySet<string>; purposes: ReadonlySet<string> } {
  const filtered = filter.domain !== undefined || filter.product !== undefined || filter.purpose !== undefined;
  if (!filtered)
    return { filtered, products: new Set(mesh.products.map((p) => p.id)), purposes: new Set(mesh.purposes.map((p) => p.name)) };
  const selected = mesh.products.filter(
    (p) =>
      (filter.domain === undefined || p.domain === filter.domain) &&
      (filter.product === undefined || p.id === filter.product) &&
      (filter.purpose === undefined || p.purposes.some((b) => b.purpose === filter.purpose)),
  );
  const ids = new Set(selected.map((p) => p.id));
  const neighbours = mesh.products.filter((p) => !ids.has(p.id) && selected.some((s) => connected(s, p) || connected(p, s)));
  const purposes = new Set(filter.purpose !== undefined ? [filter.purpose] : selected.flatMap((p) => p.purposes.map((b) => b.purpose)));
  return { filtered, products: new Set([...ids, ...neighbours.map((p) => p.id)]), purposes };
}

/** Whether `consumer` reads a port of `producer`: through a consumer grant or an input port. */
function connected(producer: DataProduct, consumer: DataProduct): boolean {
  return (
    producer.grants.some((g) => g.grantee.kind === 'consumer' && g.grantee.product === consumer.id) ||
    consumer.inputPorts.some((i) => i.product === producer.id)
  );
}

/** `groups a, b; users c; attributes k=v`, or empty. */
function describeMembers(m: Members): string {
  return [
    ...(m.groups.length ? [`groups ${m.groups.join(', ')}`] : []),
    ...(m.users.length ? [`users ${m.users.join(', ')}`] : []),
    ...m.attributes.map(
      (rule) =>
        `attributes ${describeAttributeRule(Object.fromEntries(Object.entries(rule).map(([k, v]) => [k, typeof v === 'string' ? [v] : v])))}`,
    ),
  ].join('; ');
}

function restriction(columns: readonly string[] | undefined, rows: string | undefined): string {
  return `${columns ? `, ${columns.length} columns` : ''}${rows !== undefined ? ', row filter' : ''}`;
}

/**
 * Text in a quoted Mermaid label, from input: `#` first (Mermaid's entity marker, so that a
 * written `#quot;` stays text), then what would end the label or be read as HTML (`"`, `<`, `>`,
 * `&`) or as Markdown (a backquote), as Mermaid entities; line breaks and other control
 * characters, which would end the statement, as visible escapes (`\x0a`).
 */
function label(text: string): string {
  return printable(text).replace(/[#"<>&`]/g, (c) => `#${c.charCodeAt(0)};`);
}

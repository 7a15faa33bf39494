import { Members } from '../model/members';
import { Mesh } from '../model/mesh';
import { describeAttributeRule } from '../directory/who-can-become';

/**
 * The mesh as a Mermaid flowchart, from the model (not from synthesized JSON): domains hold
 * products, products hold their output ports and roles; edges show grants (role -> port, with
 * the level), purpose bindings (purpose -> port) and consumers (port -> consuming product).
 * Deterministic: node ids are numbered in the model's sorted order.
 */
export function meshGraph(mesh: Mesh): string {
  const ids = new Map<string, string>();
  const id = (key: string) => ids.get(key) ?? ids.set(key, `n${ids.size + 1}`).get(key)!;
  const portKey = (product: string, port: string) => `port:${product}/${port}`;
  const lines = ['flowchart LR'];
  for (const domain of mesh.domains) {
    lines.push(`  subgraph ${id(`domain:${domain.name}`)}["domain ${label(domain.name)}"]`);
    for (const product of mesh.products.filter((p) => p.domain === domain.name)) {
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
  for (const purpose of mesh.purposes) {
    const members = describeMembers(purpose.members);
    lines.push(
      `  ${id(`purpose:${purpose.name}`)}{{"${label(`purpose ${purpose.name}`)}<br/>${label(`approver ${purpose.approver}`)}${members ? `<br/>${label(members)}` : ''}"}}`,
    );
  }
  for (const product of mesh.products) {
    for (const g of product.grants) {
      const from = g.grantee.kind === 'role' ? id(`role:${product.id}/${g.grantee.role}`) : id(`role:${g.grantee.product}/engineer`);
      lines.push(`  ${from} -->|${g.level}${restriction(g.columns, g.rows)}| ${id(portKey(product.id, g.port))}`);
    }
    for (const b of product.purposes) {
      for (const port of b.ports)
        lines.push(`  ${id(`purpose:${b.purpose}`)} -.->|purpose${restriction(b.columns, b.rows)}| ${id(portKey(product.id, port))}`);
    }
    for (const input of product.inputPorts)
      lines.push(`  ${id(portKey(input.product, input.port))} ==>|input| ${id(`product:${product.id}`)}`);
  }
  return `${lines.join('\n')}\n`;
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

/** Mermaid labels are quoted: quotes and angle brackets become entities. */
function label(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

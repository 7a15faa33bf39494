import { acmeMeshSpec } from '../../examples/acme-mesh';
import { buildMesh } from '../../lib';
import { meshGraph } from '../../lib/reports/mesh-graph';

describe('meshGraph', () => {
  const graph = meshGraph(buildMesh(acmeMeshSpec));
  const lines = graph.split('\n');
  /** The node id of the line that declares a label. */
  const node = (labelStart: string) => {
    const line = lines.find((l) => l.includes(`"${labelStart}`));
    if (!line) throw new Error(`no node ${labelStart}`);
    return /^\s*(?:subgraph )?(n\d+)/.exec(line)![1];
  };

  it('is a Mermaid flowchart with domains holding products holding ports and roles', () => {
    expect(lines[0]).toBe('flowchart LR');
    const domain = lines.indexOf('  subgraph n1["domain customers"]');
    expect(lines.slice(domain, domain + 8)).toEqual([
      '  subgraph n1["domain customers"]',
      '    subgraph n2["customers.profiles: Customer profiles<br/>in dev, prod"]',
      '      n3[("port profiles")]',
      '      n4(["analyst<br/>groups customer-analysts"])',
      '      n5(["engineer<br/>groups customer-data-eng"])',
      '      n6(["owner<br/>groups customer-data-eng"])',
      '    end',
      '  end',
    ]);
  });

  it('draws grants, purpose bindings, consumer grants and input ports as edges', () => {
    const transactions = node('port transactions');
    expect(lines).toContain(`  ${node('purpose marketing-analytics')} -.->|purpose, 4 columns, row filter| ${transactions}`);
    expect(lines).toContain(`  ${node('purpose fraud-detection')} -.->|purpose| ${node('port shipments')}`);
    const attribution = node('marketing.attribution: ');
    expect(lines).toContain(`  ${transactions} ==>|input| ${attribution}`);
    // marketing.attribution's Engineers read transactions as a consumer.
    const inAttribution = lines.slice(lines.findIndex((l) => l.includes(`subgraph ${attribution}[`)));
    const attributionEngineer = /(n\d+)\(\["engineer/.exec(inAttribution.find((l) => l.includes('(["engineer'))!)![1];
    const consumerGrant = acmeMeshSpec.products!.find((p) => p.id === 'payments.transactions')!.grants!.find((g) => 'consumer' in g)!;
    expect(lines).toContain(`  ${attributionEngineer} -->|read, ${consumerGrant.columns!.length} columns| ${transactions}`);
  });

  it('is the same text on every run', () => {
    expect(meshGraph(buildMesh(acmeMeshSpec))).toBe(graph);
  });
});

import { acmeMeshSpec } from '../../examples/acme-mesh';
import { buildMesh } from '../../lib';
import { MERMAID_MAX_TEXT_SIZE, meshGraph } from '../../lib/reports/mesh-graph';
import { cli } from '../cli/run-cli';

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

  /** The labels of the products, purposes and domains a graph draws. */
  const drawn = (text: string) => [...text.matchAll(/"(domain [^"<]+|[a-z]+\.[a-z-]+(?=:)|purpose [^"<]+)/g)].map((m) => m[1]).sort();

  it('draws the products of a domain with their neighbours and purposes, and only edges between what it draws', () => {
    const marketing = meshGraph(buildMesh(acmeMeshSpec), { domain: 'marketing' });
    expect(drawn(marketing)).toEqual([
      'domain marketing',
      'domain payments',
      'marketing.attribution',
      'marketing.campaigns',
      'payments.transactions', // marketing.attribution reads its transactions
      'purpose finance-reporting',
      'purpose marketing-analytics',
    ]);
    const ids = new Set([...marketing.matchAll(/^\s*(?:subgraph )?(n\d+)[[({]/gm)].map((m) => m[1]));
    for (const [, from, to] of marketing.matchAll(/^ {2}(n\d+) \S+ (n\d+)$/gm)) expect([ids.has(from), ids.has(to)]).toEqual([true, true]);
  });

  it('narrows to one purpose and the products bound to it, filters together', () => {
    const mesh = buildMesh(acmeMeshSpec);
    expect(drawn(meshGraph(mesh, { purpose: 'finance-reporting' }))).toEqual([
      'domain marketing',
      'domain payments',
      'marketing.attribution',
      'marketing.campaigns',
      'payments.refunds',
      'payments.transactions',
      'purpose finance-reporting',
    ]);
    expect(drawn(meshGraph(mesh, { product: 'payments.refunds', domain: 'marketing' }))).toEqual([]);
  });

  it("stays under Mermaid's default maxTextSize for the example", () => {
    expect(graph.length).toBeLessThan(MERMAID_MAX_TEXT_SIZE);
  });

  it('fails if the diagram is longer than Mermaid draws, saying how to narrow it', async () => {
    expect(await cli('graph', 'examples/acme', '--max-size', '2000')).toEqual({
      code: 2,
      stdout: '',
      stderr: `meshgrant graph: the diagram of mesh acme is ${graph.length.toLocaleString('en-US')} characters, more than 2,000 (Mermaid's maxTextSize), so Mermaid would refuse to draw it; narrow it with --domain, --product or --purpose (domains: marketing (2 products), payments (2 products), customers (1 product), logistics (1 product)), or give --max-size if your Mermaid allows more\n`,
    });
  });

  it('fails if a filter names nothing in the mesh, suggesting the close name', async () => {
    expect(await cli('graph', 'examples/acme', '--purpose', 'fraud-detecton')).toMatchObject({
      code: 2,
      stderr: 'meshgrant graph: --purpose: no purpose `fraud-detecton` in mesh acme (did you mean `fraud-detection`?)\n',
    });
  });
});

import { readFileSync } from 'fs';
import { join } from 'path';
import { acmeMeshSpec } from '../../examples/acme-mesh';
import { buildMesh } from '../../lib';
import { meshGraph } from '../../lib/reports/mesh-graph';
import { canRender, renderMermaid } from '../helpers/render-mermaid';

/**
 * `meshgrant graph` output drawn by the real Mermaid in headless Chromium (Debian's package,
 * which `.ci/run` installs): the example's diagram renders, every product on it, and a hostile
 * label stays text. `npm run docs:graph` writes docs/graph.png with the same renderer.
 */
const describeRendering = canRender() ? describe : describe.skip;
if (!canRender()) console.log('graph rendering tests skipped: no /usr/bin/chromium (apt-get install chromium)');

describeRendering('the graph, rendered by Mermaid', () => {
  it('draws the example mesh: every product and purpose is on the picture', async () => {
    const mesh = buildMesh(acmeMeshSpec);
    const { svg, png } = await renderMermaid(meshGraph(mesh));
    expect(svg.includes('Syntax error')).toBe(false);
    const missing = [...mesh.products.map((p) => `${p.id}: ${p.title}`), ...mesh.purposes.map((p) => `purpose ${p.name}`)];
    expect(missing.filter((text) => !svg.includes(text))).toEqual([]);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // The picture in the docs is this one: same size (its bytes may differ with fonts).
    const docs = readFileSync(join(__dirname, '..', '..', 'docs', 'graph.png'));
    expect([docs.readUInt32BE(16), docs.readUInt32BE(20)]).toEqual([png.readUInt32BE(16), png.readUInt32BE(20)]);
  }, 120_000);

  it('keeps a label that tries to add statements, a link and HTML as text', async () => {
    const spec = JSON.parse(JSON.stringify(acmeMeshSpec));
    spec.products[0].info.title = 'Profiles"]\n  click n1 "javascript:alert(1)"\n  x["<img src=x onerror=alert(1)> #quot; & `md`';
    const { svg } = await renderMermaid(meshGraph(buildMesh(spec), { product: spec.products[0].id }));
    // Booleans, so that a failure does not print the whole SVG.
    expect({
      syntaxError: svg.includes('Syntax error'),
      img: svg.includes('<img'),
      link: /<a |href="javascript/.test(svg),
      labelAsText: svg.includes('click n1 "javascript:alert(1)"\\x0a  x["&lt;img src=x onerror=alert(1)&gt; #quot; &amp; `md`'),
    }).toEqual({ syntaxError: false, img: false, link: false, labelAsText: true });
  }, 120_000);
});

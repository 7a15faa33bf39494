import { existsSync } from 'fs';
import { chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`), which `.ci/run` installs when it is absent. */
export const CHROMIUM = '/usr/bin/chromium';

/** Whether {@link renderMermaid} can run here. */
export const canRender = (): boolean => existsSync(CHROMIUM);

/** What Mermaid drew: its SVG, and a PNG screenshot of it. */
export interface Rendering {
  readonly svg: string;
  readonly png: Buffer;
}

/**
 * Renders Mermaid text with the real renderer (npm `mermaid`, its browser bundle) in headless
 * Chromium, as a Markdown viewer would, with Mermaid's default limits and `securityLevel: strict`.
 * @throws Error with Mermaid's message when it refuses the text (syntax, size)
 */
export async function renderMermaid(text: string): Promise<Rendering> {
  // The flags this machine needs: no sandbox as root, and no background connections, which its closed
  // network refuses. Playwright gives the browser a new, empty profile of its own.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.setContent('<!doctype html><html><body><div id="graph"></div></body></html>');
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    const svg = await page.evaluate(async (diagram: string) => {
      const { mermaid, document } = globalThis as unknown as BrowserGlobals;
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
      const { svg } = await mermaid.render('mesh', diagram);
      document.getElementById('graph')!.innerHTML = svg;
      return svg;
    }, text);
    const png = await page.locator('#graph svg').screenshot();
    return { svg, png };
  } finally {
    await browser.close();
  }
}

/** The part of the page's globals used here: Mermaid's browser API and the document (this project compiles without the DOM types). */
interface BrowserGlobals {
  readonly mermaid: {
    initialize(config: Record<string, unknown>): void;
    render(id: string, text: string): Promise<{ svg: string }>;
  };
  readonly document: { getElementById(id: string): { innerHTML: string } | null };
}

/** `npm run docs:graph`: writes docs/graph.png, the example mesh's `meshgrant graph` as Mermaid draws it. */
if (require.main === module) {
  void (async () => {
    const { writeFileSync } = await import('fs');
    const { join } = await import('path');
    const { acmeMeshSpec } = await import('../../examples/acme-mesh');
    const { buildMesh } = await import('../../lib');
    const { meshGraph } = await import('../../lib/reports/mesh-graph');
    const { png } = await renderMermaid(meshGraph(buildMesh(acmeMeshSpec)));
    writeFileSync(join(__dirname, '..', '..', 'docs', 'graph.png'), png);
  })();
}

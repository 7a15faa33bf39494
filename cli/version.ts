import { readFileSync } from 'fs';
import { dirname, join } from 'path';

/**
 * meshgrant's version, read from its package.json: the nearest one named `meshgrant` above this
 * file, which is the package root both in the installed package (`dist/cli/`) and in a
 * checkout run from source (`cli/`).
 */
export function meshgrantVersion(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    let manifest: { name?: unknown; version?: unknown };
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as typeof manifest;
    } catch {
      continue; // no (readable) package.json at this level
    }
    if (manifest.name === 'meshgrant' && typeof manifest.version === 'string') return manifest.version;
  }
  throw new Error(`meshgrant's package.json is not above ${__dirname}`);
}

import { readFileSync } from 'fs';
import { dirname, join } from 'path';

/** What a mesh repository needs to know of meshgrant's package.json to depend on it. */
export interface MeshgrantManifest {
  readonly version: string;
  /** The CDK libraries meshgrant runs with, and their ranges. */
  readonly peerDependencies: Readonly<Record<string, string>>;
}

/**
 * meshgrant's package.json: the nearest one named `meshgrant` above this file, which is the
 * package root both in the installed package (`dist/cli/`) and in a checkout run from source
 * (`cli/`).
 */
export function meshgrantManifest(): MeshgrantManifest {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    let manifest: { name?: unknown; version?: unknown; peerDependencies?: Record<string, string> };
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as typeof manifest;
    } catch {
      continue; // no (readable) package.json at this level
    }
    if (manifest.name === 'meshgrant' && typeof manifest.version === 'string')
      return { version: manifest.version, peerDependencies: manifest.peerDependencies ?? {} };
  }
  throw new Error(`meshgrant's package.json is not above ${__dirname}`);
}

/** meshgrant's version, from its package.json. */
export function meshgrantVersion(): string {
  return meshgrantManifest().version;
}

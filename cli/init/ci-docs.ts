import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { meshgrantManifest } from '../version';
import { ciFiles } from './ci-workflows';
import { CiSystem } from './init-options';
import { NewFile } from './new-directory';

/**
 * The CI configurations `init` writes, for a mesh `acme` with environments dev and prod (placeholder
 * accounts), as docs/ci/ ships them for teams that copy rather than run `init`. A test checks that
 * docs/ci/ holds exactly these; `npm run docs:ci` writes them.
 */
export function ciDocs(): NewFile[] {
  const options = (ci: CiSystem) => ({
    name: 'acme',
    environments: [
      { name: 'dev', account: '111111111111', region: 'eu-west-1' },
      { name: 'prod', account: '222222222222', region: 'eu-west-1' },
    ],
    starter: false,
    ci,
    meshgrant: meshgrantManifest(),
  });
  return [
    ...ciFiles(options('github')).map((f) => ({ path: join('docs/ci/github', f.path), text: f.text })),
    ...ciFiles(options('gitlab')).map((f) => ({ path: join('docs/ci/gitlab', f.path), text: f.text })),
  ];
}

if (require.main === module) {
  for (const file of ciDocs()) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.text);
  }
}

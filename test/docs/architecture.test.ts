import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

/**
 * The repository paths a page names: words starting with a top-level folder of the repository.
 * A placeholder (`lib/policy/rules/<pack>/<rule-id>.ts`) stands for files to add: its folder must exist.
 */
function pathsNamedIn(page: string): string[] {
  const text = readFileSync(join(ROOT, page), 'utf8');
  const named = text.match(/\b(?:api|bench|cli|constructs|docs|examples|lib|schema|stacks|test)\/[\w./<>-]*/g) ?? [];
  return [...new Set(named.map((p) => p.replace(/<.*$/, '').replace(/\.$/, '')))].sort();
}

describe.each(['docs/architecture.md', 'CONTRIBUTING.md'])('%s', (page) => {
  it('names only paths that exist', () => {
    const paths = pathsNamedIn(page);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });
});

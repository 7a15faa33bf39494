import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative } from 'path';
import { Problem } from '../../lib';

/** The valid mesh every fixture starts from. */
export const BASE_MESH = join(__dirname, '..', 'fixtures', 'base');

/**
 * A malformed-input fixture: one YAML file whose leading comments say where it goes in a copy
 * of the base mesh and which problems loading must report, exactly:
 *   # file: products/sales.returns.yaml        (written there, replacing any file of that name)
 *   # delete: environments.yaml                (optional, removed from the copy)
 *   # expect: products/sales.returns.yaml:7:15 unknown field `tag` (did you mean `tags`?)
 */
export interface Fixture {
  readonly file: string;
  readonly deletes: readonly string[];
  readonly expects: readonly string[];
  readonly text: string;
}

export function parseFixture(text: string): Fixture {
  const header = (key: string) => [...text.matchAll(new RegExp(`^# ${key}: (.*)$`, 'gm'))].map((m) => m[1]);
  const [file] = header('file');
  if (file === undefined) throw new Error('a fixture needs a `# file:` line');
  return { file, deletes: header('delete'), expects: header('expect'), text };
}

/** A temporary copy of the base mesh with the fixture applied; the caller removes it. */
export function meshWithFixture(fixture: Fixture): string {
  const dir = mkdtempSync(join(tmpdir(), 'meshgrant-fixture-'));
  cpSync(BASE_MESH, dir, { recursive: true });
  for (const f of fixture.deletes) rmSync(join(dir, f));
  mkdirSync(dirname(join(dir, fixture.file)), { recursive: true });
  writeFileSync(join(dir, fixture.file), fixture.text);
  return dir;
}

/** A problem as a fixture's `# expect:` line writes it, with the file relative to the mesh directory. */
export function expectLine(p: Problem, dir: string): string {
  const where = p.location ? `${relative(dir, p.location.file)}:${p.location.line}:${p.location.column}` : '<nowhere>';
  return `${where} ${p.message}${p.hint ? ` (${p.hint})` : ''}`;
}

export const readFixture = (path: string) => parseFixture(readFileSync(path, 'utf8'));

export function removeMesh(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

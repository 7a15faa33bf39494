import { existsSync, readFileSync, readdirSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

const ROOT = resolve(__dirname, '../..');

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Relative modules a file imports, types included: a type cycle is a design cycle too. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)\s+[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1]);
  return specifiers.map((s) => {
    const base = resolve(dirname(file), s);
    const candidates = [`${base}.ts`, join(base, 'index.ts'), base].filter((c) => existsSync(c) && statSync(c).isFile());
    const found = candidates[0];
    if (found === undefined) throw new Error(`${relative(ROOT, file)}: cannot resolve ${s}`);
    return found;
  });
}

/** Import cycles among `files`, each as the list of files around it. */
function cycles(files: readonly string[]): string[][] {
  const edges = new Map(files.map((f) => [f, runtimeImports(f)]));
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const g of edges.get(f) ?? []) {
      if (state.get(g) === 'open') found.push([...stack.slice(stack.indexOf(g)), g].map((p) => relative(ROOT, p)));
      else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return found;
}

describe('lib/ imports', () => {
  it('form no cycle, type imports included', () => {
    expect(cycles(sources(join(ROOT, 'lib')))).toEqual([]);
  });

  it('fails if two modules import each other, by value or by type', () => {
    const dir = join(ROOT, 'test/fixtures/import-cycle');
    expect(cycles(sources(dir))).toEqual([
      ['test/fixtures/import-cycle/a.ts', 'test/fixtures/import-cycle/b.ts', 'test/fixtures/import-cycle/a.ts'],
      ['test/fixtures/import-cycle/a.ts', 'test/fixtures/import-cycle/c.ts', 'test/fixtures/import-cycle/a.ts'],
    ]);
  });
});

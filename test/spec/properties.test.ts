import fc from 'fast-check';
import { join } from 'path';
import { isDeepStrictEqual } from 'util';
import { Document, parse, parseDocument, stringify, visit } from 'yaml';
import { MeshValidationError, loadMesh } from '../../lib';
import { SourceText, loadMeshSources } from '../../lib/spec';
import { readMeshDirectory } from '../../lib/spec/read-files';
import { BASE_MESH } from './fixture-mesh';
import { modelContent } from './model-content';

const base = readMeshDirectory(BASE_MESH).files;
const baseModel = modelContent(loadMesh(BASE_MESH));
const RUNS = { numRuns: 100 };

/** Loading either succeeds or throws MeshValidationError whose every problem names a real place. */
function loadsOrReportsLocated(sources: readonly SourceText[]): void {
  try {
    loadMeshSources(sources, 'mesh');
  } catch (e) {
    if (!(e instanceof MeshValidationError)) throw e;
    // Checked as plain values and asserted once: expect() per problem would dominate the run time.
    const unlocated = e.problems.filter((p) => {
      const source = sources.find((s) => join('mesh', s.path) === p.location?.file);
      return (
        source === undefined ||
        p.location!.line < 1 ||
        p.location!.line > source.text.split('\n').length ||
        p.location!.column < 1 ||
        p.message === ''
      );
    });
    expect({ problems: e.problems.length > 0, unlocated }).toEqual({ problems: true, unlocated: [] });
  }
}

const replaceFile = (file: number, text: (old: string) => string) =>
  base.map((s, i) => (i === file % base.length ? { path: s.path, text: text(s.text) } : s));

/** Every path to a value inside `value`, the root excluded. */
function pathsIn(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => [[...prefix, k], ...pathsIn((value as Record<string | number, unknown>)[k], [...prefix, k])]);
}

/** Every string in the mesh files: swapping one for another makes plausible dangling references. */
const strings = [
  ...new Set(base.flatMap((s) => JSON.stringify(parse(s.text)).match(/"(?:[^"\\]|\\.)*"/g) ?? []).map((q) => JSON.parse(q) as string)),
];

const structuralEdit = fc.record({
  file: fc.nat(),
  at: fc.nat(),
  edit: fc.oneof(
    fc.constant({ kind: 'delete' as const }),
    fc.record({ kind: fc.constant('replace' as const), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...strings)) }),
    fc.record({
      kind: fc.constant('add' as const),
      key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('name', 'columns', 'grants', '__proto__')),
      value: fc.jsonValue({ maxDepth: 2 }),
    }),
  ),
});

type Edit = { kind: 'delete' } | { kind: 'replace'; value: unknown } | { kind: 'add'; key: string; value: unknown };

/** Applies an edit at the `at`-th path of a value (in place). */
function applyEdit(value: unknown, at: number, edit: Edit): unknown {
  const paths = pathsIn(value);
  if (paths.length === 0) return edit.kind === 'delete' ? null : 'value' in edit ? edit.value : value;
  const path = paths[at % paths.length];
  const parent = path
    .slice(0, -1)
    .reduce<Record<string, unknown>>((v, k) => v[k] as Record<string, unknown>, value as Record<string, unknown>);
  const key = path[path.length - 1];
  if (edit.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (edit.kind === 'replace') {
    parent[key] = edit.value;
  } else {
    const target = parent[key];
    if (Array.isArray(target)) target.push(edit.value);
    else if (target !== null && typeof target === 'object')
      Object.defineProperty(target, edit.key, { value: edit.value, enumerable: true, writable: true, configurable: true });
    else parent[key] = edit.value;
  }
  return value;
}

const YAML_CHARS = [
  ':',
  '-',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '\t',
  '\n',
  ' ',
  '#',
  '&',
  '*',
  '!',
  '|',
  '>',
  '%',
  '@',
  '`',
  ',',
  '?',
  'a',
  '0',
];
const textEdit = fc.record({ at: fc.nat(), op: fc.constantFrom('insert', 'delete', 'replace'), ch: fc.constantFrom(...YAML_CHARS) });

describe('the loader, fed random mutations of a valid mesh', () => {
  it('never throws anything but MeshValidationError, and locates every problem (structural edits)', () => {
    fc.assert(
      fc.property(fc.array(structuralEdit, { minLength: 1, maxLength: 3 }), (edits) => {
        let sources = base;
        for (const { file, at, edit } of edits) {
          const i = file % sources.length;
          const value = applyEdit(parse(sources[i].text), at, edit);
          sources = sources.map((s, j) => (j === i ? { path: s.path, text: stringify(value) } : s));
        }
        loadsOrReportsLocated(sources);
      }),
      RUNS,
    );
  });

  it('never throws anything but MeshValidationError, and locates every problem (character edits)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(textEdit, { minLength: 1, maxLength: 3 }), (file, edits) => {
        loadsOrReportsLocated(
          replaceFile(file, (text) =>
            edits.reduce((t, { at, op, ch }) => {
              const i = at % (t.length + 1);
              return t.slice(0, i) + (op === 'delete' ? '' : ch) + t.slice(op === 'insert' ? i : i + 1);
            }, text),
          ),
        );
      }),
      RUNS,
    );
  });
});

/** Rewrites a file in another style that means the same: key order, flow or block, quotes, comments. */
function restyle(text: string, choices: readonly number[]): string {
  const doc: Document = parseDocument(text);
  let n = 0;
  const choose = (k: number) => choices[n++ % choices.length] % k;
  visit(doc, {
    Map(_, map) {
      const r = choose(map.items.length || 1);
      map.items = [...map.items.slice(r), ...map.items.slice(0, r)];
      map.flow = choose(2) === 1;
      if (choose(4) === 0) map.commentBefore = ' a comment';
    },
    Seq(_, seq) {
      seq.flow = choose(2) === 1;
    },
    Scalar(_, scalar) {
      if (typeof scalar.value === 'string') scalar.type = (['QUOTE_DOUBLE', 'QUOTE_SINGLE', scalar.type] as const)[choose(3)];
    },
  });
  return doc.toString();
}

describe('the loader, fed files rewritten without changing their meaning', () => {
  it('loads the same model (key order, flow or block style, quoting, comments, product file names)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 1, maxLength: 64 }),
        fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: base.length, maxLength: base.length }),
        (choices, names) => {
          const sources = base.map((s, i) => ({
            path: s.path.startsWith('products/') ? `products/${names[i]}.yaml` : s.path,
            text: restyle(s.text, choices),
          }));
          // isDeepStrictEqual: as strict as toEqual here, and much faster over a hundred runs.
          expect(isDeepStrictEqual(modelContent(loadMeshSources(sources)), baseModel)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('restyles for real: the rewritten files differ from the originals', () => {
    expect(restyle(base[0].text, [1, 1, 1])).not.toBe(base[0].text);
  });
});

import { Document, LineCounter, isScalar, parseDocument, visit } from 'yaml';
import { excerpt } from '../input/printable';
import { SourceText } from './read-files';

/** A mesh file parsed into a YAML document that keeps the position of every node. */
export interface ParsedFile {
  /** Relative to the mesh directory. */
  readonly path: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** The file's text, to map a position inside a string value back to the file. */
  readonly text: string;
}

/** A syntax problem, at an offset of the file. */
export interface OffsetProblem {
  readonly offset: number;
  readonly message: string;
  readonly hint?: string;
}

/** The outcome of parsing one file: the document, and its plain value when the YAML is well-formed. */
export interface ParseResult {
  readonly file: ParsedFile;
  /** Undefined when the file has syntax problems. */
  readonly value?: unknown;
  readonly problems: readonly OffsetProblem[];
}

/**
 * Parses one file with `yaml` (YAML 1.2: `no` and `on` stay strings, dates stay strings) and
 * duplicate keys rejected. Never throws: every error becomes a problem.
 */
export function parseYamlFile(source: SourceText): ParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const file: ParsedFile = { path: source.path, doc, lines, text: source.text };
  const problems: OffsetProblem[] = [...doc.errors, ...doc.warnings].map((e) => {
    const start = e.pos[0];
    if (e.code === 'DUPLICATE_KEY') {
      const key = /^\s*("[^"]*"|'[^']*'|[^:\n]*)/.exec(source.text.slice(start))![1].trim();
      return {
        offset: start,
        message: `duplicate key ${excerpt(key)}; a field appears once in a mapping`,
        hint: 'remove or merge the repeated field',
      };
    }
    if (e.code === 'MULTIPLE_DOCS')
      return {
        offset: start,
        message: 'a second YAML document; a mesh file holds one',
        hint: 'remove the `---` line, or move the second document to a file of its own',
      };
    return { offset: start, message: `YAML syntax: ${e.message}` };
  });
  // A list or mapping as a key (`? [a, b]`) has no place in a mesh file, and toJS would only warn about it.
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as { range?: [number, number, number] } | null;
      if (key !== null && !isScalar(key))
        problems.push({ offset: key.range?.[0] ?? 0, message: 'a list or mapping used as a key; keys are plain names' });
    },
  });
  if (problems.length > 0) return { file, problems };
  try {
    return { file, value: doc.toJS({ maxAliasCount: 100 }), problems };
  } catch (e) {
    // toJS refuses alias bombs (and nothing else a parsed document can hold).
    return { file, problems: [{ offset: 0, message: `YAML: ${(e as Error).message}` }] };
  }
}

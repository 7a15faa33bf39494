import { Document, LineCounter, YAMLError, isScalar, parseDocument, visit } from 'yaml';
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
  const problems: OffsetProblem[] = [];
  const syntax: OffsetProblem[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const start = e.pos[0];
    if (e.code === 'DUPLICATE_KEY') {
      const key = /^\s*("[^"]*"|'[^']*'|[^:\n]*)/.exec(source.text.slice(start))![1].trim();
      problems.push({
        offset: start,
        message: `duplicate key ${excerpt(key)}; a field appears once in a mapping`,
        hint: 'remove or merge the repeated field',
      });
    } else if (e.code === 'MULTIPLE_DOCS')
      problems.push({
        offset: start,
        message: 'a second YAML document; a mesh file holds one',
        hint: 'remove the `---` line, or move the second document to a file of its own',
      });
    else syntax.push({ offset: start, message: `YAML syntax: ${e.message}`, ...(isIndentation(e) ? { hint: INDENTATION_HINT } : {}) });
  }
  if (syntax.length > 0) return { file, problems: [...problems, firstSyntaxProblem(source.text, syntax)] };
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

/** Whether an error of `yaml` means that a line is indented unlike the lines it belongs with. */
function isIndentation(e: YAMLError): boolean {
  return (
    e.code === 'BLOCK_AS_IMPLICIT_KEY' ||
    e.message.startsWith('All mapping items must start at the same column') ||
    e.message.startsWith('Sequence item without - indicator')
  );
}

const INDENTATION_HINT =
  "indent the line like the lines it belongs with: the keys of a mapping at one column, the `- ` of a list's items at one column";

/** A tab in the leading whitespace of a line: YAML indents with spaces only. */
const TAB_INDENT = /^[ ]*\t/gm;

/**
 * The one syntax problem of a file worth reporting: the parser goes on after the first and
 * reports what follows from it (a tab gives one real error and four follow-ons), so only the
 * first is real. A tab in the indentation up to that point is the cause, whatever the parser
 * says: reported on its own line, with the other lines that hold one. Otherwise the first
 * problem, moved from the line break or indentation it is reported at to the first character of
 * its line, so that it points at the key that is wrong.
 */
function firstSyntaxProblem(text: string, syntax: readonly OffsetProblem[]): OffsetProblem {
  const first = [...syntax].sort((a, b) => a.offset - b.offset)[0];
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const tabs = [...text.matchAll(TAB_INDENT)].map((m) => m.index + m[0].length - 1);
  const tab = tabs.find((t) => lineOf(t) <= lineOf(first.offset) + 1);
  if (tab !== undefined) {
    const others = tabs.filter((t) => t !== tab).map(lineOf);
    return {
      offset: tab,
      message: 'YAML syntax: a tab in the indentation; YAML indents with spaces only',
      hint: `replace the tab with spaces${others.length > 0 ? `, here and on line${others.length === 1 ? '' : 's'} ${others.join(', ')}` : ''}`,
    };
  }
  // At a line break, or in the indentation: the first character of the line that follows.
  const key = /^[ \n]*/.exec(text.slice(first.offset))![0].length;
  return { ...first, offset: first.offset + key };
}

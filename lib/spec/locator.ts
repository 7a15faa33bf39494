import { join } from 'path';
import { Node, isAlias, isCollection, isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import { Locator, SourceLocation, SpecPath } from '../model/problems';
import { MeshLayout, kindOfFile } from './layout';
import { ParsedFile } from './parse-yaml';
import { offsetInScalar } from './scalar-offset';

/** Whether to point at a field's key (unknown fields) or at its value (everything else). */
export type Anchor = 'key' | 'value';

/**
 * Offset of the node at `path` in a document, or of its deepest existing ancestor when the
 * path goes further than the document (a missing field is reported where it should be).
 */
export function offsetOf(file: ParsedFile, path: SpecPath, anchor: Anchor = 'value'): number {
  return nodeAt(file, path, anchor).offset;
}

/** The node at `path` (undefined when the path goes further than the document) and its offset, as {@link offsetOf}. */
function nodeAt(file: ParsedFile, path: SpecPath, anchor: Anchor): { offset: number; node?: unknown } {
  const { doc } = file;
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc);
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(path[i]));
      if (!isPair(pair)) break;
      const keyStart = rangeStart(pair.key);
      const valueStart = rangeStart(pair.value);
      offset = (last && anchor === 'key') || valueStart === undefined ? (keyStart ?? offset) : valueStart;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(path[i])];
      const start = rangeStart(node);
      if (start === undefined) break;
      offset = start;
    } else {
      break;
    }
    if (last) return { offset, node: isAlias(node) ? node.resolve(doc) : node };
  }
  return { offset, node: path.length === 0 ? doc.contents : undefined };
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) || isCollection(node) ? (node as Node).range?.[0] : undefined;
}

/** The file:line:column of an offset; `dir` prefixes the file so messages are clickable from the cwd. */
export function locationAt(file: ParsedFile, dir: string, offset: number): SourceLocation {
  const { line, col } = file.lines.linePos(offset);
  return { file: join(dir, file.path), line, column: col };
}

/**
 * A `Locator` for `buildMesh`: maps a spec path to the file and position where it was written.
 * A whole product (e.g. "declared twice") is located at its `id`, the line that names it; an
 * index into a string value (a fault inside a row filter) is located at that character.
 */
export function meshLocator(layout: MeshLayout, files: ReadonlyMap<string, ParsedFile>, dir: string): Locator {
  return (path, index) => {
    const field = layout.fileOf(path);
    const file = field && files.get(field.file);
    if (!file) return undefined;
    const inFile = field.path.length === 0 && kindOfFile(field.file) === 'DataProduct' ? ['id'] : field.path;
    const { offset, node } = nodeAt(file, inFile, 'value');
    const inValue =
      index !== undefined && isScalar(node) && typeof node.value === 'string' ? offsetInScalar(file.text, node, index) : offset;
    return locationAt(file, dir, inValue);
  };
}

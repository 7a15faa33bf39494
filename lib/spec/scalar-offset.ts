import { Scalar } from 'yaml';

/** Length in the file of the escape sequence at `at` of a double-quoted scalar, and whether it yields a character. */
function escapeAt(text: string, at: number): { length: number; yields: boolean } {
  const c = text[at + 1];
  if (c === '\n' || c === '\r') return { length: 2, yields: false };
  return { length: 2 + (c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0), yields: true };
}

/**
 * The file offset of character `index` of a string scalar's value: the value and the file text
 * are walked side by side, skipping what YAML adds around the characters (quotes, escapes, block
 * headers, indentation, folded line breaks).
 */
export function offsetInScalar(text: string, node: Scalar, index: number): number {
  const value = String(node.value);
  const [start, end] = node.range ?? [0, 0];
  let at = start;
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') at++;
  else if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') at = text.indexOf('\n', start) + 1;
  let v = 0;
  while (at < end && v < index) {
    if (node.type === 'QUOTE_DOUBLE' && text[at] === '\\') {
      const e = escapeAt(text, at);
      at += e.length;
      if (e.yields) v++;
    } else if (node.type === 'QUOTE_SINGLE' && text[at] === "'" && text[at + 1] === "'") {
      at += 2;
      v++;
    } else {
      if (text[at] === value[v]) v++;
      at++;
    }
  }
  // Indentation and line breaks between the previous character and this one.
  while (at < end && text[at] !== value[index] && /\s/.test(text[at])) at++;
  return at;
}

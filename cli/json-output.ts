/** Nesting levels written entry by entry; what lies deeper is written by `JSON.stringify` in one piece. */
const STREAMED_LEVELS = 4;

/** Characters gathered into one piece: few writes, little memory. */
const CHUNK = 1 << 16;

/**
 * A report as `JSON.stringify(report, null, 2)` writes it, byte for byte (for plain data, and
 * values whose `toJSON` ignores its key, like `Date`), in pieces of about 64 KiB: the JSON of a
 * report can be longer than a JavaScript string may be (`impact` over a large directory names
 * hundreds of thousands of person-table changes), so it is never held as one string. The first
 * {@link STREAMED_LEVELS} levels of arrays and objects are written entry by entry.
 */
export function* jsonPieces(report: object): Generator<string> {
  let pending = '';
  for (const text of pieces(jsonOf(report, ''), 0)) {
    pending += text;
    if (pending.length >= CHUNK) {
      yield pending;
      pending = '';
    }
  }
  yield pending;
}

function* pieces(json: unknown, depth: number): Generator<string> {
  if (depth >= STREAMED_LEVELS || json === null || typeof json !== 'object') {
    // Its lines are indented from the level it starts at (strings hold no raw line feed).
    yield JSON.stringify(json, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
    return;
  }
  const [open, close] = Array.isArray(json) ? ['[', ']'] : ['{', '}'];
  // As JSON.stringify: an array writes what has no JSON as null, an object leaves it out.
  const entries: [string, unknown][] = Array.isArray(json)
    ? json.map((item, i) => ['', jsonOf(item, String(i)) ?? null])
    : Object.keys(json)
        .map((key): [string, unknown] => [`${JSON.stringify(key)}: `, jsonOf((json as Record<string, unknown>)[key], key)])
        .filter(([, item]) => item !== undefined);
  if (entries.length === 0) {
    yield `${open}${close}`;
    return;
  }
  const indent = `\n${'  '.repeat(depth + 1)}`;
  for (const [i, [name, item]] of entries.entries()) {
    yield `${i === 0 ? open : ','}${indent}${name}`;
    yield* pieces(item, depth + 1);
  }
  yield `\n${'  '.repeat(depth)}${close}`;
}

/** The value JSON.stringify writes for `v`: the result of its `toJSON`; undefined when it writes none (undefined, a function, a symbol). */
function jsonOf(v: unknown, key: string): unknown {
  const json =
    v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function'
      ? (v as { toJSON: (key: string) => unknown }).toJSON(key)
      : v;
  return typeof json === 'function' || typeof json === 'symbol' ? undefined : json;
}

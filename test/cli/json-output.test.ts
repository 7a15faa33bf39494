import { jsonPieces } from '../../cli/json-output';

/** What writeJson writes, and how many pieces it wrote it in. */
function written(value: object): { text: string; longest: number } {
  const pieces = [...jsonPieces(value)];
  return { text: pieces.join(''), longest: Math.max(...pieces.map((p) => p.length)) };
}

describe('jsonPieces', () => {
  it('writes what JSON.stringify(value, null, 2) writes, at every depth', () => {
    const values: object[] = [
      {},
      [],
      { a: [], b: {}, c: [[]], d: [{}], e: null, f: 0, g: false, h: '' },
      { skipped: undefined, fn: () => 1, sym: Symbol('s'), kept: 1 },
      [undefined, () => 1, Symbol('s'), null, 'x'],
      { only: undefined },
      { when: new Date(Date.UTC(2026, 11, 1)), map: new Map([['k', 'v']]), set: new Set([1]) },
      { text: 'line\nfeed "quoted" \\ tab\t \u2028 \u00e9 \ud83d\ude00 \u001b[31m' },
      { a: { b: { c: { d: { e: { f: [1, { g: [2, []] }] } } } } } },
      [[[[[[1, 2], { x: [3] }]]]]],
      { 'key "quoted"': { '': [1.5, -0, 1e21, NaN, Infinity] } },
    ];
    for (const v of values) expect(written(v).text).toBe(JSON.stringify(v, null, 2));
  });

  it('writes a large report in pieces of bounded length, never as one string', () => {
    const people = Array.from({ length: 3000 }, (_, i) => ({ person: `p${i}`, changes: [{ table: 't'.repeat(100), via: ['group g'] }] }));
    const report = { command: 'impact', impact: { people } };
    const { text, longest } = written(report);
    expect(text).toBe(JSON.stringify(report, null, 2));
    expect(text.length).toBeGreaterThan(500_000);
    expect(longest).toBeLessThan(70_000);
  });
});

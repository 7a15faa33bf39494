/** Levenshtein distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/**
 * A hint for an unknown name: the closest known one when it is plausibly a typo,
 * otherwise the list of what is known.
 */
export function suggest(unknown: string, known: Iterable<string>): string {
  const names = [...known].sort();
  if (names.length === 0) return 'none is declared';
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const n of names) {
    const d = distance(unknown.toLowerCase(), n.toLowerCase());
    if (d < bestDistance) {
      best = n;
      bestDistance = d;
    }
  }
  if (best !== undefined && bestDistance <= Math.max(2, Math.floor(unknown.length / 3))) {
    return `did you mean \`${best}\`?`;
  }
  return `expected one of: ${names.join(', ')}`;
}

import { ProblemCollector, SpecPath } from './problems';

/**
 * The checks every concept uses on its part of the spec: each adds a problem naming the field,
 * the value received and what was expected, and never stops at the first one.
 */
export class SpecCheck {
  constructor(readonly problems: ProblemCollector) {}

  add(path: SpecPath, message: string, hint?: string): void {
    this.problems.add(path, message, hint);
  }

  /** Reports every item whose key an earlier item already has. */
  unique<T>(items: readonly T[], key: (t: T) => string, path: SpecPath, what: string): void {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) this.add([...path, i], `${what} \`${k}\` is declared twice`);
      seen.add(k);
    });
  }

  /** True when `value` is a string matching `re`; otherwise reports it with what was expected. */
  pattern(value: string | undefined, re: RegExp, path: SpecPath, what: string, expected: string): boolean {
    if (typeof value === 'string' && re.test(value)) return true;
    this.add(path, `${what} \`${value ?? ''}\` is not valid; expected ${expected}`);
    return false;
  }
}

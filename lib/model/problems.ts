/** Where a value came from, when the model was loaded from a file. */
export interface SourceLocation {
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/** A path into the mesh spec, e.g. `['products', 2, 'grants', 0, 'port']`. */
export type SpecPath = ReadonlyArray<string | number>;

/** One thing wrong with a mesh spec. */
export interface Problem {
  /** Path of the field at fault in the spec. */
  readonly path: SpecPath;
  /** What is wrong, in a sentence that names the product or object concerned. */
  readonly message: string;
  /** How to fix it, when there is a useful hint (e.g. "did you mean `marketing`?"). */
  readonly hint?: string;
  /** Set by loaders that know where the field was written. */
  readonly location?: SourceLocation;
  /**
   * Stable id of the kind of problem, for code scanning (`spec/yaml`, `spec/schema`, ...; see
   * lib/spec/problem-kinds.ts). @default - `spec/model`: a problem the model's checks found
   */
  readonly rule?: string;
}

/**
 * Maps a spec path to where it was written; loaders supply one, code users need none. With
 * `index`, the place of that character inside the string value at `path` (a fault in a row filter).
 */
export type Locator = (path: SpecPath, index?: number) => SourceLocation | undefined;

/** Renders `['products', 2, 'grants', 0]` as `products[2].grants[0]`. */
export function formatPath(path: SpecPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Renders a problem on one line: `file:line:col: path: message (hint)`. */
export function formatProblem(p: Problem): string {
  const where = p.location ? `${p.location.file}:${p.location.line}:${p.location.column}: ` : '';
  const path = p.path.length ? `${formatPath(p.path)}: ` : '';
  return `${where}${path}${p.message}${p.hint ? ` (${p.hint})` : ''}`;
}

/**
 * Thrown once with every problem found, never just the first: a user fixing a spec
 * wants the whole list in one run.
 */
export class MeshValidationError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in the mesh spec:\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'MeshValidationError';
  }
}

/** Collects problems while a spec is checked; `throwIfAny` raises them all at once. */
export class ProblemCollector {
  private readonly list: Problem[] = [];

  constructor(private readonly locate: Locator = () => undefined) {}

  /** Adds a problem of the field at `path`; `index` points at a character inside its string value. */
  add(path: SpecPath, message: string, hint?: string, index?: number): void {
    this.list.push({ path: [...path], message, hint, location: this.locate(path, index) });
  }

  get problems(): readonly Problem[] {
    return this.list;
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new MeshValidationError(this.list);
  }
}

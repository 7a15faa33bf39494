import { printable } from '../lib/input/printable';

/** How much a command says on standard error besides its report: `--quiet`, the default, or `--verbose`. */
export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** Where feedback goes: standard error, and whether it is a terminal (and how wide). */
export interface FeedbackStream {
  write(text: string): void;
  /** Columns of the terminal standard error is; undefined when it is not a terminal (a file, a pipe, a CI log). */
  readonly terminalColumns?: number;
}

/**
 * What a command tells people while it works, on standard error, apart from its report:
 * progress, notes and details. The report (stdout, `--json`) never depends on it.
 *
 * - `progress(step)`: on a terminal, one status line that the next step replaces and
 *   {@link Feedback.end} erases, with the seconds elapsed; nothing when standard error is not a
 *   terminal (a CI log would keep every step) or with `--quiet`. With `--verbose`, each step is
 *   a line of its own with its time, terminal or not.
 * - `note(text)`: something people should know (which mesh was found); not with `--quiet`.
 * - `detail(text)`: only with `--verbose`.
 *
 * Everything written is {@link printable}: names from input never drive the terminal; the only
 * control characters are the status line's own carriage return and erase-line.
 */
export class Feedback {
  private readonly started: number;
  private statusShown = false;

  /**
   * @param prefix starts every line, e.g. `meshgrant synth`
   * @param now milliseconds since some origin; a parameter so that tests pin the elapsed times
   */
  constructor(
    private readonly stream: FeedbackStream,
    readonly verbosity: Verbosity,
    private readonly prefix: string,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** A step of a long operation (`synthesizing acme-dev: 6 products`). */
  progress(step: string): void {
    if (this.verbosity === 'verbose') {
      this.line(`${step} (${this.elapsed()})`);
      return;
    }
    if (this.verbosity === 'quiet' || this.stream.terminalColumns === undefined) return;
    const text = `${this.prefix}: ${printable(step)} ${this.elapsed()}`;
    // Never wider than the terminal: a wrapped line could not be erased by a carriage return.
    const width = Math.max(this.stream.terminalColumns - 1, 1);
    this.stream.write(`${ERASE_LINE}${[...text].slice(0, width).join('')}`);
    this.statusShown = true;
  }

  /** Something people should know, on a line of its own; not with `--quiet`. */
  note(text: string): void {
    if (this.verbosity !== 'quiet') this.line(text);
  }

  /** Detail for `--verbose` only. */
  detail(text: string): void {
    if (this.verbosity === 'verbose') this.line(text);
  }

  /** Erases the status line, before the report is printed or when the command fails. */
  end(): void {
    if (this.statusShown) this.stream.write(ERASE_LINE);
    this.statusShown = false;
  }

  private line(text: string): void {
    this.end();
    this.stream.write(`${this.prefix}: ${printable(text)}\n`);
  }

  private elapsed(): string {
    return `${((this.now() - this.started) / 1000).toFixed(1)} s`;
  }
}

/** Carriage return, then ECMA-48 "erase in line" (whole line): the status line's only control characters. */
const ERASE_LINE = '\r\u001b[2K';

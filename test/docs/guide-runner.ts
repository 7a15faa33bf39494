import { execFileSync } from 'child_process';
import { cpSync, mkdtempSync, realpathSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { runCli } from '../../cli/main';

/**
 * A persona guide's runnable steps: each fenced ```` ```sh run ```` block, and the
 * ```` ```text output ```` block right after it that shows what it prints (`exit=N` in that
 * block's info string when its last command exits non-zero).
 */
export interface GuideStep {
  /** The commands, continuation lines joined. */
  readonly commands: readonly string[];
  /** What the guide shows, as written. */
  readonly expected: string;
  readonly exitCode: number;
  /** Where the output block's text starts and ends in the guide, to rewrite it. */
  readonly outputStart: number;
  readonly outputEnd: number;
}

/** What running a step printed. */
export interface StepRun {
  readonly output: string;
  readonly exitCode: number;
}

const FENCE = /^```([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm;

/** The runnable steps of a guide's Markdown, in order. A `sh run` block without an output block after it is an error. */
export function guideSteps(markdown: string): GuideStep[] {
  const blocks = [...markdown.matchAll(FENCE)].map((m) => ({
    info: m[1].trim().split(/\s+/),
    body: m[2],
    start: m.index! + m[0].indexOf('\n') + 1,
    end: m.index! + m[0].indexOf('\n') + 1 + m[2].length,
  }));
  const steps: GuideStep[] = [];
  blocks.forEach((b, i) => {
    if (b.info[0] !== 'sh' || !b.info.includes('run')) return;
    const output = blocks[i + 1];
    if (output === undefined || output.info[0] !== 'text' || !output.info.includes('output'))
      throw new Error(`a \`sh run\` block needs a \`text output\` block after it: ${b.body.split('\n')[0]}`);
    const exit = output.info.find((w) => w.startsWith('exit='));
    steps.push({
      commands: b.body
        .replace(/\\\n\s*/g, '')
        .split('\n')
        .filter((l) => l.trim() !== ''),
      expected: output.body,
      exitCode: exit === undefined ? 0 : Number(exit.slice('exit='.length)),
      outputStart: output.start,
      outputEnd: output.end,
    });
  });
  return steps;
}

/**
 * A fresh folder holding a copy of the repository's `examples/`, where a guide's steps run one
 * after the other, as a reader's shell would: `cd` moves, `meshgrant ...` runs the CLI
 * in-process (no redirections), other lines (a `sed` that edits a file, a here-document) run
 * in bash.
 */
export class GuideSession {
  readonly root = realpathSync(mkdtempSync(join(tmpdir(), 'meshgrant-guide-')));
  private cwd = this.root;

  constructor(examples: string) {
    cpSync(examples, join(this.root, 'examples'), { recursive: true });
  }

  async run(step: GuideStep): Promise<StepRun> {
    let output = '';
    let exitCode = 0;
    let script: string[] = [];
    const flush = () => {
      if (script.length === 0) return;
      output += execFileSync('bash', ['-euc', script.join('\n')], { cwd: this.cwd, encoding: 'utf8' });
      script = [];
    };
    for (const [i, command] of step.commands.entries()) {
      // A command before the last that fails ends the step: the guide shows no such failure.
      if (exitCode !== 0) return { output: normalise(`${output}(exit ${exitCode} before: ${step.commands[i]})`, this.root), exitCode };
      const words = shellWords(command);
      if (words[0] === 'cd' && words.length === 2) {
        flush();
        this.cwd = resolve(this.cwd, words[1]);
      } else if (words[0] === 'meshgrant') {
        flush();
        const before = process.cwd();
        process.chdir(this.cwd);
        try {
          exitCode = await runCli(words.slice(1), { stdout: (t) => (output += t), stderr: (t) => (output += t) });
        } finally {
          process.chdir(before);
        }
      } else script.push(command);
    }
    flush();
    return { output: normalise(output, this.root), exitCode };
  }
}

/** Output as a guide shows it: the session's folder written `.`, no trailing blanks, one final line feed. */
function normalise(output: string, root: string): string {
  const text = output.split(`${root}/`).join('').split(root).join('.');
  return `${text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trimEnd()}\n`;
}

/** A command line split as a POSIX shell would for what guides use: blanks, single and double quotes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (const c of line) {
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

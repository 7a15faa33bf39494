import { Command, CommanderError, Option } from 'commander';
import { once } from 'events';
import { printableJson, printableOutput } from '../lib/input/printable';
import { MeshValidationError } from '../lib/model/problems';
import { DEFAULT_TEXT_WIDTH } from '../lib/reports/format-table';
import { MeshLoadError } from '../lib/spec';
import { CliCommand, CliError, CommandResult } from './cli-command';
import { problemLine, problemReport, problemsText } from './report';
import { synthCommand } from './commands/synth';
import { validateCommand } from './commands/validate';
import { diffCommand } from './commands/diff';
import { promoteCheckCommand } from './commands/promote-check';
import { impactCommand } from './commands/impact';
import { graphCommand } from './commands/graph';
import { accessCommand } from './commands/access';
import { importCommand } from './commands/import';
import { checkCatalogCommand } from './commands/check-catalog';
import { explainCommand } from './commands/explain';
import { initCommand } from './commands/init';
import { expiringCommand } from './commands/expiring';
import { auditCommand } from './commands/audit';
import { meshgrantVersion } from './version';
import { Feedback, Verbosity } from './feedback';
import { jsonPieces } from './json-output';

/** Every sub-command, in the order `--help` lists them; a new command is one more line. */
const COMMANDS: readonly CliCommand[] = [
  initCommand,
  validateCommand,
  synthCommand,
  diffCommand,
  promoteCheckCommand,
  impactCommand,
  graphCommand,
  accessCommand,
  importCommand,
  checkCatalogCommand,
  explainCommand,
  expiringCommand,
  auditCommand,
];

/** The exit codes every command keeps to, as `--help` lists them. */
const EXIT_CODES = `
Exit codes:
  0  ok
  1  findings: problems in the mesh, error-level policy findings, a failed promotion check
  2  usage or load error: bad option, no mesh, unreadable or unwritable file
  3  diff: access widens (CI can require an approval)`;

/** Where the CLI writes; tests capture it. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Columns of the terminal standard error is, for the progress line; undefined when it is not
   * a terminal (a file, a pipe, a CI log): then there is no progress line.
   */
  readonly terminalColumns?: number;
  /**
   * Resolves once what was written to standard output has been taken (by a pipe's reader).
   * @default - nothing waits
   */
  readonly drained?: () => Promise<void>;
  /**
   * The width of the terminal standard output is, for its tables.
   * @default - not a terminal: tables keep to `DEFAULT_TEXT_WIDTH`
   */
  readonly columns?: number;
}

/**
 * Set when standard output's reader has gone (`meshgrant access --json | head`): what is left of
 * the report is dropped, as a pipeline's reader asked, and the exit code stays the command's own.
 */
let stdoutClosed = false;
/** The same for standard error (`meshgrant ... 2>&1 | head`): notes and messages are dropped. */
let stderrClosed = false;

const processOutput: CliOutput = {
  stdout: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  // Node buffers what a pipe does not take at once: a report of gigabytes waits for its reader instead.
  drained: () =>
    !stdoutClosed && process.stdout.writableNeedDrain
      ? once(process.stdout, 'drain').then(
          () => undefined,
          () => undefined, // the reader went away: the 'error' listener of `main` has seen it
        )
      : Promise.resolve(),
  stderr: (text) => {
    if (!stderrClosed) process.stderr.write(text);
  },
  // A terminal that cannot move the cursor (`TERM=dumb`, e.g. an editor's output pane) gets no status line.
  get terminalColumns() {
    return process.stderr.isTTY && process.env.TERM !== 'dumb' ? process.stderr.columns || 80 : undefined;
  },
  get columns() {
    return process.stdout.isTTY ? process.stdout.columns : undefined;
  },
};

/**
 * What the CLI prints, with control characters from the input (file names, values, a terminal's
 * escape sequences) escaped: input never drives the terminal that shows a report.
 */
function terminalSafe(output: CliOutput, json: boolean): CliOutput {
  // With --json or --format json, stdout holds only JSON; stderr is text either way.
  const safe = json ? printableJson : printableOutput;
  return { stdout: (text) => output.stdout(safe(text)), stderr: (text) => output.stderr(printableOutput(text)) };
}

/**
 * Runs `meshgrant` with `argv` (without `node` and the script) and returns the exit code:
 * 0 all is well, 1 the mesh has problems, 2 the command could not run (usage, no mesh
 * directory, unwritable output, failed synthesis).
 */
export async function runCli(argv: readonly string[], rawOutput: CliOutput = processOutput): Promise<number> {
  const output = terminalSafe(rawOutput, argv.includes('--json'));

  let exitCode = 0;
  const program = new Command('meshgrant')
    .description('access-as-code for data meshes: validate and synthesize mesh files to AWS Lake Formation and IAM')
    .version(meshgrantVersion(), '-V, --version', "print meshgrant's version")
    .exitOverride()
    .showHelpAfterError('(run meshgrant --help for usage)')
    .addHelpText('after', EXIT_CODES)
    .configureOutput({ writeOut: (t) => output.stdout(t), writeErr: (t) => output.stderr(t) });
  for (const command of COMMANDS) {
    command
      .define(program)
      .option('--json', 'print a JSON report on stdout')
      .addOption(
        new Option('-q, --quiet', 'print only the report and errors: no progress, no notes, no summary of work done').conflicts('verbose'),
      )
      .addOption(new Option('-v, --verbose', 'also say what is done, step by step, with times (on standard error)'))
      .action(async (...args: unknown[]) => {
        const parsed = args[args.length - 1] as Command;
        exitCode = await execute(command, parsed, rawOutput);
      });
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    // Commander has already printed its message (usage error) or the help.
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  return exitCode;
}

async function execute(command: CliCommand, parsed: Command, rawOutput: CliOutput): Promise<number> {
  const options = parsed.opts();
  const json = options.json === true;
  // `--format json` prints JSON too: escaped as JSON, so that it stays JSON.
  const output = terminalSafe(rawOutput, json || options.format === 'json');
  const verbosity: Verbosity = options.quiet === true ? 'quiet' : options.verbose === true ? 'verbose' : 'normal';
  // The progress line writes its own control characters; Feedback makes the text in it printable.
  const feedback = new Feedback(
    { write: (t) => rawOutput.stderr(t), terminalColumns: rawOutput.terminalColumns },
    verbosity,
    `meshgrant ${parsed.name()}`,
  );
  const print = async (exitCode: number, text: string, report: Record<string, unknown>, stream: 'stdout' | 'stderr' = 'stdout') => {
    feedback.end();
    if (json) {
      // In pieces, each written once the one before has gone (a pipe to a slower reader).
      for (const piece of jsonPieces({ command: parsed.name(), ok: exitCode === 0, ...report })) {
        output.stdout(piece);
        await rawOutput.drained?.();
      }
      output.stdout('\n');
    } else if (text !== '') output[stream](`${text}\n`);
    return exitCode;
  };
  let result: CommandResult;
  try {
    const width = options.wide === true ? undefined : (rawOutput.columns ?? DEFAULT_TEXT_WIDTH);
    result = await command.run(parsed.processedArgs, options, feedback, { width });
  } catch (e) {
    if (e instanceof MeshLoadError)
      return print(2, e.problems.map(problemLine).join('\n'), { problems: e.problems.map(problemReport) }, 'stderr');
    if (e instanceof MeshValidationError) return print(1, problemsText(e.problems), { problems: e.problems.map(problemReport) });
    if (e instanceof CliError) return print(2, `meshgrant ${parsed.name()}: ${e.message}`, { problems: [], error: e.message }, 'stderr');
    feedback.end();
    output.stderr(internalError(`meshgrant ${parsed.name()}`, e));
    return 2;
  }
  // A summary of work done says nothing a successful exit code does not, to someone who asked for quiet.
  const quietened = verbosity === 'quiet' && result.exitCode === 0 && result.summary === true;
  return print(result.exitCode, quietened ? '' : result.text, { problems: [], ...result.json });
}

/** Entry point of `bin/meshgrant.js`; sets the exit code. */
export function main(argv: readonly string[] = process.argv.slice(2)): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') stdoutClosed = true;
    else {
      if (!stderrClosed) process.stderr.write(printableOutput(internalError('meshgrant', e)));
      process.exit(2);
    }
  });
  // Unheard, an error of standard error would end the process with Node's exit code 1: "the mesh has problems".
  process.stderr.on('error', (e: NodeJS.ErrnoException) => {
    stderrClosed = true;
    if (e.code !== 'EPIPE') process.exit(2);
  });
  exitWith(runCli(argv));
}

/** Sets the process's exit code when `run` ends; an error that escapes it is printed with its stack. */
export function exitWith(run: Promise<number>): void {
  run.then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(printableOutput(internalError('meshgrant', e)));
      process.exitCode = 2;
    },
  );
}

/** Not the user's doing: the message keeps the stack, which is what a bug report needs. */
function internalError(who: string, e: unknown): string {
  return `${who}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`;
}

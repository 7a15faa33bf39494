import { Command } from 'commander';
import type { Feedback } from './feedback';

/** What a command produced: its exit code and its report, for people and for machines. */
export interface CommandResult {
  /** 0 when all is well, 1 when the command found problems it reports, 3 when `diff` finds access widening. */
  readonly exitCode: 0 | 1 | 3;
  /** Printed on stdout without `--json`. */
  readonly text: string;
  /** Merged into the `--json` report, next to `command`, `ok` and `problems`. */
  readonly json: Readonly<Record<string, unknown>>;
  /**
   * The text summarizes work done (files written, a mesh found valid) rather than being the
   * report asked for: `--quiet` leaves it out when the command succeeds.
   */
  readonly summary?: boolean;
}

/**
 * A `meshgrant` sub-command. Commands throw `MeshValidationError` for problems in the mesh and
 * `CliError` when they cannot run; `main.ts` turns both into reports and exit codes, and adds
 * `--json` to every command.
 */
export interface CliCommand {
  /** Declares the sub-command (name, description, arguments, options) on `program` and returns it. */
  define(program: Command): Command;
  /**
   * Runs with commander's parsed positional arguments and options; `feedback` says on standard
   * error what it is doing (progress, notes, `--verbose` details).
   */
  run(args: readonly unknown[], options: Readonly<Record<string, unknown>>, feedback: Feedback): CommandResult | Promise<CommandResult>;
}

/** The command cannot run for a reason the user can fix (a bad option, an unwritable directory): exit 2, no stack trace. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

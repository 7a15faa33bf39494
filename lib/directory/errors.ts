import { Problem, formatProblem } from '../model/problems';

/**
 * A directory snapshot could not be read: every problem of every file, each located at
 * file:line:column with the field at fault, so a user fixes the whole export in one pass.
 */
export class DirectoryError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in the directory snapshot:\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'DirectoryError';
  }
}

import { MeshValidationError, Problem } from '../model/problems';
import { SPEC_PROBLEM_KINDS } from './problem-kinds';

/**
 * The mesh could not be read at all (no such directory, no `mesh.yaml`): a usage error rather
 * than a finding about the mesh, so the CLI exits with 2 instead of 1.
 */
export class MeshLoadError extends MeshValidationError {
  constructor(problem: Problem) {
    super([{ rule: SPEC_PROBLEM_KINDS.load, ...problem }]);
    this.name = 'MeshLoadError';
  }
}

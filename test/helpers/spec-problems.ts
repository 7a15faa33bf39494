import { MeshValidationError, buildMesh } from '../../lib';
import type { MeshSpec } from '../../lib';
import { exampleSpec } from './synth';

/** A spec as tests edit it (readonly fields written). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Writable = any;

/** The problems `buildMesh` reports for the example spec edited by `edit`, as `path: message (hint)` lines. */
export function problemsOf(edit: (spec: Writable) => void): string[] {
  const spec: MeshSpec = exampleSpec();
  edit(spec);
  try {
    buildMesh(spec);
    return [];
  } catch (e) {
    if (!(e instanceof MeshValidationError)) throw e;
    return e.problems.map((p) => `${p.path.join('.')}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
  }
}

import { Members, MembersSpec } from './members';
import { SpecPath } from './problems';

/**
 * Why data is used (`fraud-detection`, `marketing`). An approver admits members; products bind
 * themselves to the purpose; members read, for this purpose only, what each binding exposes.
 */
export interface PurposeSpec {
  /** Lower-case name with hyphens, e.g. `fraud-detection`. */
  readonly name: string;
  /** What the purpose is for, shown in reports and audits. */
  readonly description?: string;
  /** Person who admits members (e.g. a line manager). */
  readonly approver: string;
  /** People admitted to the purpose. */
  readonly members?: MembersSpec;
  /**
   * Classes of data the purpose may see (e.g. `[pii]`); columns of any other class stay hidden.
   * @default - none: only columns without a class
   */
  readonly allowedClasses?: readonly string[];
}

/** A validated purpose. */
export interface Purpose {
  /** Where the purpose is in the spec (`['purposes', i]`), to locate findings. */
  readonly specPath: SpecPath;
  readonly name: string;
  readonly description?: string;
  readonly approver: string;
  readonly members: Members;
  /** Sorted. */
  readonly allowedClasses: readonly string[];
}

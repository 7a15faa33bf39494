import type { Mesh } from '../model/mesh';
import type { AccessLevel } from '../model/product-role';
import type { SourceLocation, SpecPath } from '../model/problems';
import type { AccessEntry } from '../plan/access-entry';
import type { PermissionVocabulary } from '../target';

/** How bad a finding is: an `error` blocks validation and synthesis, a `warning` is reported only. */
export type Severity = 'error' | 'warning';

/** What a rule is and why it exists; the source of `docs/policies.md` and of SARIF rule metadata. */
export interface RuleInfo {
  /** `<pack>/<rule-name>`, e.g. `security/no-wildcard-action`. */
  readonly id: string;
  /** Default severity; `MeshSpec.policy.severities` may change it. */
  readonly severity: Severity;
  /** What the rule checks, in one sentence. */
  readonly description: string;
  /** Why federated governance wants it. */
  readonly rationale: string;
  /**
   * True for a rule that runs only when `MeshSpec.policy.severities` sets its severity: a
   * practice a mesh adopts on purpose (e.g. recorded approvals for product role members).
   * @default false
   */
  readonly optIn?: boolean;
}

/** One thing a rule found wrong, at one place of the spec. */
export interface Violation {
  /** Spec path at fault, e.g. `['products', 2, 'grants', 0]`. */
  readonly path: SpecPath;
  /** What is wrong, naming the product, port, column or purpose concerned. */
  readonly message: string;
  /** How to fix it, concretely. */
  readonly fix: string;
}

/** The target's permission lists the constructs grant (see `lib/aws/permissions.ts`), and the levels granted with the grant option. */
export interface PermissionTables extends PermissionVocabulary {
  readonly grantableLevels: readonly AccessLevel[];
}

/** Data that only a purpose may expose, resolved from `MeshSpec.policy.sensitive`. */
export interface SensitiveData {
  /** Sorted class names. */
  readonly classes: readonly string[];
  /** Columns at or above this level are sensitive too. */
  readonly level?: string;
}

/** What a rule sees: the mesh and facts computed once for every rule. */
export interface RuleContext {
  readonly mesh: Mesh;
  /**
   * The mesh's access plan (`accessPlan(mesh)`): what each principal can read, per environment,
   * each entry with the grant or binding that declares it (`entry.source.path`, where findings point).
   */
  readonly access: readonly AccessEntry[];
  readonly permissions: PermissionTables;
  readonly sensitive: SensitiveData;
}

/**
 * A governance rule: a small named check over the whole mesh. Rules return violations and
 * never need to catch errors: a rule that throws is reported as a finding of `policy/rule-failed`.
 *
 * @example
 * const dataSteward: PolicyRule = {
 *   id: 'acme/steward-in-description', severity: 'warning',
 *   description: 'Product descriptions name a data steward.',
 *   rationale: 'Consumers need a person to ask.',
 *   check: ({ mesh }) => mesh.products.filter((p) => !/steward/i.test(p.description ?? ''))
 *     .map((p) => ({ path: [...p.specPath, 'info', 'description'], message: `product ${p.id} names no steward`, fix: 'add "Steward: <name>" to info.description' })),
 * };
 */
export interface PolicyRule extends RuleInfo {
  check(context: RuleContext): Iterable<Violation>;
}

/** A violation as reported: located, with its rule and effective severity. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly path: SpecPath;
  /** Product the finding belongs to; undefined for mesh-level findings. */
  readonly product?: string;
  readonly message: string;
  readonly fix: string;
  /** Where the path (or its nearest located parent) was written, when loaded from files. */
  readonly location?: SourceLocation;
}

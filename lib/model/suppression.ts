/**
 * Acceptance of a policy finding. The model carries suppressions as declared; `lib/policy`
 * matches them to findings, rejects those without a real reason and reports every one.
 */
export interface SuppressionSpec {
  /** Rule id, e.g. `security/separation-of-duties`. */
  readonly rule: string;
  /** Why the finding is accepted; required. */
  readonly reason: string;
  /** Last day the suppression holds, `YYYY-MM-DD`. */
  readonly expires?: string;
  /**
   * Limits the suppression to findings at this spec path inside the product (e.g. `grants[2]`).
   * @default - every finding of the rule on the product (or the mesh, for mesh-level suppressions)
   */
  readonly target?: string;
}

/** Mesh-level governance configuration. */
export interface PolicyConfigSpec {
  /**
   * Rule packs to run.
   * @default - every built-in pack
   */
  readonly packs?: readonly string[];
  /**
   * Severity profile: `starter` reports the readiness rules as warnings, so that a new mesh
   * synthesizes while its products are being completed. `severities` still win over it.
   * @default - every rule at its own severity
   */
  readonly profile?: 'starter';
  /** Severity per rule id: `error`, `warning`, or `off`. */
  readonly severities?: Readonly<Record<string, 'error' | 'warning' | 'off'>>;
  /** Suppressions that apply across the mesh. */
  readonly suppressions?: readonly SuppressionSpec[];
  /**
   * Data that only a purpose may expose (rule `security/sensitive-data-needs-purpose`): columns of
   * these classes, or at or above this level, must not be readable through a plain role grant.
   * @default - the class `pii` when the scheme has one; no level
   */
  readonly sensitive?: { readonly classes?: readonly string[]; readonly level?: string };
}

/**
 * Effective access as read back from synthesized Terraform JSON: what will actually be deployed,
 * independent of the intent that produced it. Produced by `readAccess` (lib/readback), consumed
 * by the access report, diff, promote-check and impact commands.
 */

/** Who may become a principal: the members admitted by its trust policy. */
export interface TrustedMembers {
  /** Principal ARNs trusted by name (directory groups and users as mapped), sorted. */
  readonly principals: readonly string[];
  /**
   * Attribute rules: sessions of `principals` whose tags match every key (one of the values).
   * Keys are attribute names without the `aws:PrincipalTag/` prefix.
   */
  readonly attributeRules: readonly SessionRule[];
}

/**
 * One trust statement that admits sessions by their tags: a session of one of `principals` whose
 * tags pass every test. The tests are IAM's, read from the statement's condition.
 */
export interface SessionRule {
  readonly principals: readonly string[];
  /** `StringEquals`: the session tag of each key equals one of the values (keys ANDed, values ORed). */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  /**
   * The statement's other tests on session tags (`StringLike`, `StringNotLike`, `StringNotEquals`),
   * all of which must hold. Absent when the statement has only `StringEquals`.
   */
  readonly tagTests?: readonly TagTest[];
}

/** An IAM string condition on one session tag (`aws:PrincipalTag/<attribute>`). */
export interface TagTest {
  readonly operator: 'StringLike' | 'StringNotLike' | 'StringNotEquals';
  /** The tag key without `aws:PrincipalTag/`. */
  readonly attribute: string;
  /** Sorted. `StringLike` patterns: `*` any text, `?` one character. */
  readonly values: readonly string[];
}

/** An IAM role that holds Lake Formation permissions. */
export interface AccessPrincipal {
  /** Role ARN. */
  readonly arn: string;
  readonly roleName: string;
  /**
   * From the role's tags: a product role, a purpose role, a principal of global policies (tagged
   * `Policy` only), or anything else.
   */
  readonly kind: 'product-role' | 'purpose' | 'policy' | 'other';
  /** `DataProduct` tag, for product roles. */
  readonly product?: string;
  /** `ProductRole` tag, for product roles. */
  readonly role?: string;
  /** `Purpose` tag, for purpose roles. */
  readonly purpose?: string;
  /**
   * `Policy` tag: the global policies whose merged condition the role's trust carries (sorted),
   * on any kind of role. Absent when untagged.
   */
  readonly policies?: readonly string[];
  /** `Segment` tag: the segment of a row policy the role reads (its data cells filter holds the rows). */
  readonly segment?: string;
  readonly members: TrustedMembers;
  /**
   * Who approved each member, when, until when and under which ticket, from the role's
   * `Approval<n>` tags, in declaration order. Absent when the role carries none.
   */
  readonly approvals?: readonly MemberApproval[];
  /** Approved members the role had no room to tag (IAM allows 50 tags per role). Absent when none. */
  readonly approvalsUntagged?: number;
}

/** One member's approval as the role's tags record it. */
export interface MemberApproval {
  readonly kind: 'user' | 'group' | 'attributes';
  /** Directory user or group name, or the attribute rule as text (`country=FR|US, department=finance`). */
  readonly member: string;
  readonly approvedBy?: string;
  /** `YYYY-MM-DD`. */
  readonly approvedOn?: string;
  /** Last day in force, `YYYY-MM-DD` (UTC). */
  readonly expires?: string;
  readonly ticket?: string;
}

/** One principal's effective access to one table in one environment. */
export interface EffectiveAccess {
  /** From the stack's `Environment` default tag. */
  readonly environment: string;
  /** Stack name (folder under cdktf.out/stacks). */
  readonly stack: string;
  readonly account: string;
  readonly principal: AccessPrincipal;
  readonly database: string;
  readonly table: string;
  /** `dataproduct` LF-tag of the table's database, when it has one. */
  readonly product?: string;
  /** Readable columns, sorted. */
  readonly columns: readonly string[];
  /**
   * Classes of the readable columns that have any, from their `class-<c> = yes` LF-tags (e.g.
   * `{ email: ['pii'] }`); columns without a class are left out. Absent when none has a class.
   */
  readonly columnClasses?: Readonly<Record<string, readonly string[]>>;
  /** Row filter expression; undefined means all rows. */
  readonly rows?: string;
  /** Lake Formation table permissions, sorted. */
  readonly permissions: readonly string[];
  /** Permissions held with the grant option, sorted. */
  readonly grantable: readonly string[];
  /** Purpose served, for purpose roles. */
  readonly purpose?: string;
}

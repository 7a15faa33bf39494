/** Something in a stack that readback cannot deploy-check or does not understand. */
export interface ReadbackProblem {
  /** Stack name (folder under cdktf.out/stacks). */
  readonly stack: string;
  /** The stack's environment (its `Environment` default tag, else the stack name). */
  readonly environment: string;
  /** Terraform address of the resource at fault (`aws_iam_role.analyst_role_1A2B`), when there is one. */
  readonly address?: string;
  readonly message: string;
  /**
   * True when readback does not understand what the stack grants there: the access it reports
   * may be narrower than what deploys, so report gates take it as possible widening (fail closed).
   * False for what cannot deploy or what readback leaves out without missing any access.
   */
  readonly mayWiden: boolean;
}

/** The problems of one stack, collected while it is read, each reported once. */
export class StackProblems {
  private readonly seen = new Map<string, ReadbackProblem>();

  constructor(
    readonly stack: string,
    readonly environment: string,
  ) {}

  /**
   * Readback does not understand `what` at `address`, which may grant access: the access report
   * may miss it, and `diff` and `promote-check` take it as widening.
   */
  notUnderstood(address: string | undefined, what: string): void {
    this.add({
      stack: this.stack,
      environment: this.environment,
      ...(address !== undefined ? { address } : {}),
      message: what,
      mayWiden: true,
    });
  }

  /** Something that cannot deploy, or that readback leaves out without missing any access. */
  note(address: string | undefined, message: string): void {
    this.add({ stack: this.stack, environment: this.environment, ...(address !== undefined ? { address } : {}), message, mayWiden: false });
  }

  /** In the order found. */
  get list(): readonly ReadbackProblem[] {
    return [...this.seen.values()];
  }

  private add(p: ReadbackProblem): void {
    const key = `${p.address ?? ''}\u0000${p.message}`;
    if (!this.seen.has(key)) this.seen.set(key, p);
  }
}

/** One IAM policy statement; `Sid` identifies it so that grants can add resources to it. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/**
 * An identity policy that grows as grants are made. Statements merge by `Sid`; actions and
 * resources are kept sorted and distinct, so the rendered JSON is deterministic.
 */
export class PolicyDocument {
  private readonly statements = new Map<
    string,
    { actions: Set<string>; resources: Set<string>; condition?: PolicyStatement['Condition'] }
  >();

  /** Adds actions on resources under a statement id (merging with what the statement has). */
  allow(sid: string, actions: readonly string[], resources: readonly string[], condition?: PolicyStatement['Condition']): void {
    let s = this.statements.get(sid);
    if (s === undefined) {
      s = { actions: new Set(), resources: new Set(), condition };
      this.statements.set(sid, s);
    }
    actions.forEach((a) => s!.actions.add(a));
    resources.forEach((r) => s!.resources.add(r));
  }

  toJSON(): { Version: string; Statement: PolicyStatement[] } {
    return {
      Version: '2012-10-17',
      Statement: [...this.statements.keys()].sort().map((Sid) => {
        const s = this.statements.get(Sid)!;
        return {
          Sid,
          Effect: 'Allow' as const,
          Action: [...s.actions].sort(),
          Resource: [...s.resources].sort(),
          ...(s.condition ? { Condition: s.condition } : {}),
        };
      }),
    };
  }
}

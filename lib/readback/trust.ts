import { TrustedMembers } from './effective-access';

interface TrustStatement {
  readonly Effect?: string;
  readonly Principal?: string | Readonly<Record<string, string | readonly string[]>>;
  readonly Action?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

const PRINCIPAL_TAG = 'aws:principaltag/';

/**
 * Who a role's trust policy admits. `Allow` statements of `sts:AssumeRole` without condition
 * admit their principals by name; those whose only condition is `StringEquals` on
 * `aws:PrincipalTag/<attribute>` admit sessions of their principals carrying those tags (keys
 * ANDed, values ORed). A `Deny` without condition removes its principals from both.
 *
 * @param policy the trust policy document, parsed
 * @param problems receives statements that admit someone under a condition this reader does
 *   not interpret; such statements are left out rather than guessed at
 */
export function trustedMembers(policy: unknown, problems: string[] = []): TrustedMembers {
  const statements = statementsOf(policy);
  const denied = new Set(statements.filter((s) => s.Effect === 'Deny' && s.Condition === undefined).flatMap(principalsOf));
  const allowed = (s: TrustStatement) => s.Effect === 'Allow' && actionsOf(s).some((a) => a === 'sts:assumerole' || a === 'sts:*');
  const admitted = (s: TrustStatement) => principalsOf(s).filter((p) => !denied.has(p)).sort();

  const principals = new Set<string>();
  const attributeRules: TrustedMembers['attributeRules'][number][] = [];
  for (const s of statements.filter(allowed)) {
    if (s.Condition === undefined) {
      admitted(s).forEach((p) => principals.add(p));
      continue;
    }
    const attributes = principalTagConditions(s.Condition);
    if (attributes === undefined) {
      problems.push(`trust statement admitting ${principalsOf(s).join(', ')} has a condition meshgrant does not interpret: ${JSON.stringify(s.Condition)}`);
      continue;
    }
    const who = admitted(s);
    if (who.length > 0) attributeRules.push({ principals: who, attributes });
  }
  return { principals: [...principals].sort(), attributeRules };
}

function statementsOf(policy: unknown): TrustStatement[] {
  const statement = (policy as { Statement?: TrustStatement | TrustStatement[] } | undefined)?.Statement;
  return Array.isArray(statement) ? statement : statement ? [statement] : [];
}

function principalsOf(s: TrustStatement): string[] {
  if (s.Principal === undefined) return [];
  if (typeof s.Principal === 'string') return [s.Principal];
  return Object.values(s.Principal).flatMap((v) => (typeof v === 'string' ? [v] : [...v]));
}

function actionsOf(s: TrustStatement): string[] {
  const a = s.Action ?? [];
  return (typeof a === 'string' ? [a] : [...a]).map((x) => x.toLowerCase());
}

/** `{ StringEquals: { aws:PrincipalTag/k: v } }` as `{ k: [v] }`; undefined for any other condition. */
function principalTagConditions(condition: NonNullable<TrustStatement['Condition']>): Record<string, string[]> | undefined {
  const operators = Object.keys(condition);
  if (operators.length !== 1 || operators[0] !== 'StringEquals') return undefined;
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(condition.StringEquals)) {
    if (!key.toLowerCase().startsWith(PRINCIPAL_TAG)) return undefined;
    out[key.slice(PRINCIPAL_TAG.length)] = (typeof value === 'string' ? [value] : [...value]).sort();
  }
  return out;
}

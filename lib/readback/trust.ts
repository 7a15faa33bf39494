import { TrustedMembers } from './effective-access';
import { isObject } from './terraform-stack';

interface TrustStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal: readonly string[];
  /** Lower case. */
  readonly Action: readonly string[];
  readonly Condition?: Readonly<Record<string, unknown>>;
}

const PRINCIPAL_TAG = 'aws:principaltag/';

/** Statement keys a trust statement may have; `NotPrincipal`, `NotAction`, `NotResource` and the rest are not understood. */
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'Action', 'Condition']);

/** Actions an Allow may name besides `sts:AssumeRole`: they let a session carry tags or a source identity, and admit nobody alone. */
const SESSION_ACTIONS = new Set(['sts:tagsession', 'sts:setsourceidentity']);

/**
 * Who a role's trust policy admits. `Allow` statements of `sts:AssumeRole` without condition
 * admit their principals by name; those whose only condition is `StringEquals` on
 * `aws:PrincipalTag/<attribute>` admit sessions of their principals carrying those tags (keys
 * ANDed, values ORed). A `Deny` without condition removes its principals from both; a `Deny`
 * with a condition is left out (taking it as absent only admits more).
 *
 * Anything else is not understood and reported through `notUnderstood`, never guessed at as
 * narrower: `NotPrincipal`, `NotAction`, other actions (`sts:*`, `sts:AssumeRoleWithSAML`,
 * web identity), wildcard principals, IAM policy variables, other conditions, other shapes.
 *
 * @param policy the trust policy document, parsed
 */
export function trustedMembers(policy: unknown, notUnderstood: (what: string) => void = () => undefined): TrustedMembers {
  const statements = statementsOf(policy, notUnderstood);
  const denied = new Set(statements.filter((s) => s.Effect === 'Deny' && s.Condition === undefined).flatMap((s) => s.Principal));
  const admitted = (s: TrustStatement) => s.Principal.filter((p) => !denied.has(p)).sort();

  const principals = new Set<string>();
  const attributeRules: TrustedMembers['attributeRules'][number][] = [];
  for (const s of statements.filter((x) => x.Effect === 'Allow')) {
    const other = s.Action.filter((a) => a !== 'sts:assumerole' && !SESSION_ACTIONS.has(a));
    if (other.length > 0) {
      notUnderstood(`trust statement admitting ${s.Principal.join(', ')} allows ${other.join(', ')}, which meshgrant does not interpret`);
      continue;
    }
    if (!s.Action.includes('sts:assumerole')) continue;
    if (s.Condition === undefined) {
      admitted(s).forEach((p) => principals.add(p));
      continue;
    }
    const attributes = principalTagConditions(s.Condition);
    if (attributes === undefined) {
      notUnderstood(
        `trust statement admitting ${s.Principal.join(', ')} has a condition meshgrant does not interpret: ${JSON.stringify(s.Condition)}`,
      );
      continue;
    }
    const who = admitted(s);
    if (who.length > 0) attributeRules.push({ principals: who, attributes });
  }
  return { principals: [...principals].sort(), attributeRules };
}

/** The statements in the shapes this reader understands; each other one is reported and left out. */
function statementsOf(policy: unknown, notUnderstood: (what: string) => void): TrustStatement[] {
  if (!isObject(policy) || Object.keys(policy).some((k) => k !== 'Version' && k !== 'Statement' && k !== 'Id')) {
    notUnderstood('the trust policy is not a policy document of `Version` and `Statement`');
    return [];
  }
  const raw = policy.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const out: TrustStatement[] = [];
  list.forEach((s, i) => {
    const unknown = isObject(s) ? Object.keys(s).filter((k) => !STATEMENT_KEYS.has(k)) : [];
    const principal = isObject(s) ? principalsOf(s.Principal) : undefined;
    const action = isObject(s) ? textList(s.Action) : undefined;
    const variable = JSON.stringify(s).includes('${');
    if (
      !isObject(s) ||
      (s.Effect !== 'Allow' && s.Effect !== 'Deny') ||
      unknown.length > 0 ||
      principal === undefined ||
      action === undefined ||
      variable
    ) {
      const why = unknown.length > 0 ? `\`${unknown.join('`, `')}\`` : variable ? 'an IAM policy variable (`${...}`)' : 'a shape';
      notUnderstood(`trust statement ${i + 1} has ${why} meshgrant does not interpret; who may assume the role is unknown`);
      return;
    }
    if (s.Effect === 'Allow' && principal.some((p) => p.includes('*'))) {
      notUnderstood(`trust statement ${i + 1} admits the wildcard principal ${principal.filter((p) => p.includes('*')).join(', ')}`);
      return;
    }
    if (s.Condition !== undefined && !isObject(s.Condition)) {
      notUnderstood(`trust statement ${i + 1} has a condition that is not an object`);
      return;
    }
    out.push({
      Effect: s.Effect,
      Principal: principal,
      Action: action.map((a) => a.toLowerCase()),
      ...(s.Condition !== undefined ? { Condition: s.Condition } : {}),
    });
  });
  return out;
}

/** `Principal` as a list of names: `"arn"`, or `{ AWS | Federated | Service: arn | [arn] }`; undefined for anything else. */
function principalsOf(p: unknown): string[] | undefined {
  if (typeof p === 'string') return [p];
  if (!isObject(p)) return undefined;
  const out: string[] = [];
  for (const v of Object.values(p)) {
    const names = textList(v);
    if (names === undefined) return undefined;
    out.push(...names);
  }
  return out;
}

function textList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

/** `{ StringEquals: { aws:PrincipalTag/k: v } }` as `{ k: [v] }`; undefined for any other condition. */
function principalTagConditions(condition: Readonly<Record<string, unknown>>): Record<string, string[]> | undefined {
  const operators = Object.keys(condition);
  const equals = condition.StringEquals;
  if (operators.length !== 1 || operators[0] !== 'StringEquals' || !isObject(equals)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(equals)) {
    const values = textList(value);
    if (!key.toLowerCase().startsWith(PRINCIPAL_TAG) || values === undefined) return undefined;
    out[key.slice(PRINCIPAL_TAG.length)] = [...values].sort();
  }
  return out;
}

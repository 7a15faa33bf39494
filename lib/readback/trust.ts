import { SessionRule, TagTest, TrustedMembers } from './effective-access';
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
 * admit their principals by name. Those whose condition tests only session tags
 * (`aws:PrincipalTag/<attribute>` with `StringEquals`, `StringLike`, `StringNotEquals`,
 * `StringNotLike`) and, optionally, excludes principals by exact ARN (`ArnNotEquals` on
 * `aws:PrincipalArn`) admit the sessions of their remaining principals whose tags pass every
 * test: one attribute rule per statement (operators and keys ANDed, values ORed, statements
 * ORed). A `Deny` without condition removes its principals from both; a `Deny` with a condition
 * is left out (taking it as absent only admits more).
 *
 * Anything else is not understood and reported through `notUnderstood`, never guessed at as
 * narrower: `NotPrincipal`, `NotAction`, other actions (`sts:*`, `sts:AssumeRoleWithSAML`,
 * web identity), wildcard principals, IAM policy variables, other operators (`...IfExists`,
 * `ForAnyValue:`, `ArnLike`), other keys, wildcards in `ArnNotEquals`, empty value lists.
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
    const tests = sessionTests(s.Condition);
    if (tests === undefined) {
      notUnderstood(
        `trust statement admitting ${s.Principal.join(', ')} has a condition meshgrant does not interpret: ${JSON.stringify(s.Condition)}`,
      );
      continue;
    }
    const who = admitted(s).filter((p) => !tests.excluded.has(p));
    if (who.length > 0) attributeRules.push({ principals: who, ...tests.rule });
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

const TAG_OPERATORS = new Set<TagTest['operator']>(['StringLike', 'StringNotLike', 'StringNotEquals']);
const PRINCIPAL_ARN = 'aws:principalarn';

/**
 * A statement's condition as an attribute rule's tests and the principals it excludes by ARN;
 * undefined for any condition not in the understood shapes (see {@link trustedMembers}).
 */
function sessionTests(
  condition: Readonly<Record<string, unknown>>,
): { rule: Omit<SessionRule, 'principals'>; excluded: ReadonlySet<string> } | undefined {
  const attributes: Record<string, string[]> = {};
  const tagTests: TagTest[] = [];
  const excluded = new Set<string>();
  for (const [operator, block] of Object.entries(condition)) {
    if (!isObject(block)) return undefined;
    for (const [key, value] of Object.entries(block)) {
      const values = textList(value);
      if (values === undefined || values.length === 0) return undefined;
      if (operator === 'ArnNotEquals' && key.toLowerCase() === PRINCIPAL_ARN) {
        // ArnNotEquals matches ARN parts with wildcards: only exact ARNs are subtracted.
        if (values.some((v) => /[*?]/.test(v))) return undefined;
        values.forEach((v) => excluded.add(v));
        continue;
      }
      if (!key.toLowerCase().startsWith(PRINCIPAL_TAG) || key.length === PRINCIPAL_TAG.length) return undefined;
      const attribute = key.slice(PRINCIPAL_TAG.length);
      if (operator === 'StringEquals') {
        if (attributes[attribute] !== undefined) return undefined;
        attributes[attribute] = [...values].sort();
      } else if (TAG_OPERATORS.has(operator as TagTest['operator'])) {
        tagTests.push({ operator: operator as TagTest['operator'], attribute, values: [...values].sort() });
      } else return undefined;
    }
  }
  const rule = tagTests.length > 0 ? { attributes, tagTests } : { attributes };
  return { rule, excluded };
}

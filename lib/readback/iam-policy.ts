import { isObject } from './terraform-stack';

/**
 * A text pattern: lower-cased text compared whole, a prefix (an ARN pattern whose one wildcard
 * is a final `*` in its resource part, as most are), or a regular expression for other wildcards.
 */
type Matcher = string | { readonly prefix: string } | RegExp;

/** One statement of an identity policy in the shape readback evaluates. */
export interface PolicyStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly Matcher[];
  /** `undefined` for `*` (every resource); otherwise the ARN pattern. */
  readonly resources: readonly (Matcher | undefined)[];
  /** The statement has a `Condition`, which readback does not evaluate (see `evaluateIdentityPolicies`). */
  readonly conditional: boolean;
}

/** Keys of a statement readback evaluates; `NotAction`, `NotResource`, `Principal` are not understood. */
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'Resource', 'Condition']);
/** An ARN has six colon-separated segments; shorter ARNs and colons in the resource part are not understood. */
const ARN_SEGMENTS = 6;

/**
 * The statements of an identity policy document, when all of them are in the small, fixed shape
 * meshgrant writes: `Effect`, `Action` and `Resource` (text or lists), action patterns
 * `service:pattern` or `*`, resources `*` or six-segment ARNs, wildcards `*` and `?`, no
 * `Not...`, no policy variable; conditions are kept unread. Undefined for anything else: the caller then
 * cannot evaluate the policy and fails closed.
 */
export function readIdentityPolicy(document: unknown): PolicyStatement[] | undefined {
  if (!isObject(document) || Object.keys(document).some((k) => k !== 'Version' && k !== 'Statement' && k !== 'Id')) return undefined;
  const raw = document.Statement;
  const list = Array.isArray(raw) ? raw : [raw];
  const out: PolicyStatement[] = [];
  for (const s of list) {
    if (!isObject(s) || Object.keys(s).some((k) => !STATEMENT_KEYS.has(k)) || (s.Effect !== 'Allow' && s.Effect !== 'Deny'))
      return undefined;
    if (s.Condition !== undefined && !isObject(s.Condition)) return undefined;
    const actions = textList(s.Action)?.map((a) => compiled(a, actionPattern));
    const resources = textList(s.Resource)?.map((r) => compiled(r, resourcePattern));
    if (actions === undefined || resources === undefined || actions.includes(undefined) || resources.includes(null)) return undefined;
    out.push({
      effect: s.Effect,
      actions: actions as Matcher[],
      resources: resources as (Matcher | undefined)[],
      conditional: s.Condition !== undefined,
    });
  }
  return out;
}

/** What identity policies decide for one request (no SCPs, permission boundaries or sessions policies: the stack declares none). */
export type IamDecision = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';

/**
 * IAM's evaluation of identity policies for `action` on `resource` (an ARN, or `*` for actions
 * without resource-level permissions): an explicit Deny wins,
 * then any Allow; otherwise implicitly denied. Actions match case-insensitively, ARNs as
 * `resourcePattern` says, as @cloud-copilot/iam-simulate does (the tests' oracle).
 * Conditions are not evaluated and err towards access: a conditional Allow counts as allowing,
 * a conditional Deny as not denying (meshgrant's only conditions are on S3 listing, which no
 * table query asks about).
 */
export function evaluateIdentityPolicies(statements: readonly PolicyStatement[], action: string, resource: string): IamDecision {
  const request = action.toLowerCase();
  // A request ARN of other than six segments matches no ARN pattern (only `*`).
  const arn = resource !== '*' ? arnText(resource) : undefined;
  let allowed = false;
  for (const s of statements) {
    // A request on `*` (an action without resource-level permissions) is matched by any Allow
    // resource and only by a `*` Deny resource, as the oracle has it.
    const onResource = (r: Matcher | undefined) =>
      r === undefined || (resource === '*' ? s.effect === 'Allow' : arn !== undefined && matches(r, arn));
    if (!s.actions.some((a) => matches(a, request)) || !s.resources.some(onResource)) continue;
    if (s.effect === 'Allow') allowed = true;
    else if (!s.conditional) return 'ExplicitlyDenied';
  }
  return allowed ? 'Allowed' : 'ImplicitlyDenied';
}

/**
 * The statements whose actions match `action`: the only ones `evaluateIdentityPolicies` can take
 * into account for it, so that a role asked about the same action for every table matches its
 * actions once, not once per table.
 */
export function statementsFor(statements: readonly PolicyStatement[], action: string): PolicyStatement[] {
  const request = action.toLowerCase();
  return statements.filter((s) => s.actions.some((a) => matches(a, request)));
}

/**
 * Patterns already compiled, by kind and text: thousands of roles name the same catalog, actions
 * and `*`. Emptied when it grows past a bound, so a long-lived process does not keep every pattern.
 */
const patterns = new Map<(text: string) => unknown, Map<string, Matcher | undefined | null>>();
const PATTERN_CACHE_SIZE = 50_000;

function compiled<T extends Matcher | undefined | null>(text: string, compile: (text: string) => T): T {
  let known = patterns.get(compile);
  if (known === undefined) patterns.set(compile, (known = new Map()));
  const found = known.get(text);
  if (found !== undefined || known.has(text)) return found as T;
  if (known.size >= PATTERN_CACHE_SIZE) known.clear();
  const pattern = compile(text);
  known.set(text, pattern);
  return pattern;
}

const matches = (m: Matcher, text: string) =>
  typeof m === 'string' ? m === text : m instanceof RegExp ? m.test(text) : text.startsWith(m.prefix);

/** An action pattern: case-insensitive, `*` and `?` within the action name. */
function matcher(pattern: string): Matcher {
  return /[*?]/.test(pattern) ? new RegExp(`^${wildcards(pattern, '[^:]')}$`, 'i') : pattern.toLowerCase();
}

function actionPattern(a: string): Matcher | undefined {
  if (a === '*') return /^/;
  const [service, name, ...rest] = a.split(':');
  if (name === undefined || rest.length > 0 || service === '' || /[*?\s]/.test(service) || name === '' || /\s/.test(name)) return undefined;
  return matcher(a);
}

/**
 * `undefined` for `*`, a pattern for a six-segment ARN, `null` when not understood. Partition,
 * service, region and account match case-insensitively and within their segment; the resource
 * part is case-sensitive and `*` in it spans `/`. A wildcard in the resource type before the
 * first `/` (`ta*le/x`) is not understood.
 */
function resourcePattern(r: string): Matcher | undefined | null {
  if (r === '*') return undefined;
  const segments = r.split(':');
  if (segments.length !== ARN_SEGMENTS || segments[0] !== 'arn' || segments[2] === '' || segments[5] === '') return null;
  const slash = segments[5].indexOf('/');
  if (slash >= 0 && /[*?]/.test(segments[5].slice(0, slash))) return null;
  if (!/[*?]/.test(r)) return arnText(r) ?? null;
  // `.../table/db/*`: every ARN that starts with the rest (the resource part's `*` spans `/`).
  const wildcard = r.search(/[*?]/);
  if (wildcard === r.length - 1 && r.endsWith('*') && wildcard > r.lastIndexOf(':')) return { prefix: arnText(r.slice(0, -1))! };
  return new RegExp(
    `^${segments
      .slice(0, 5)
      .map((x) => wildcards(x.toLowerCase(), '[^:]'))
      .join(':')}:${wildcards(segments[5], '.')}$`,
  );
}

/**
 * An ARN as compared: the first five segments lower-cased, the resource part as written;
 * undefined when it has other than six segments (it then matches no ARN pattern, only `*`).
 */
function arnText(arn: string): string | undefined {
  let at = -1;
  for (let i = 0; i < ARN_SEGMENTS - 1; i++) {
    at = arn.indexOf(':', at + 1);
    if (at < 0) return undefined;
  }
  // A colon in the resource part makes more than six segments.
  if (arn.indexOf(':', at + 1) >= 0) return undefined;
  const prefix = arn.slice(0, at);
  const lower = prefix.toLowerCase();
  return lower === prefix ? arn : lower + arn.slice(at);
}

/** A pattern's regular expression source: `*` any run of `any`, `?` one `any`, the rest literal. */
const wildcards = (pattern: string, any: string) => escape(pattern).replace(/\\\?/g, any).replace(/\\\*/g, `${any}*`);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Text or a list of text, without IAM policy variables (`${aws:username}`), which are not evaluated here. */
function textList(v: unknown): string[] | undefined {
  const list =
    typeof v === 'string' ? [v] : Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  return list?.some((x) => x.includes('${')) ? undefined : list;
}

import type { IConstruct, IResolvable, IResolveContext } from './cdktf';
import { DefaultTokenResolver, LazyBase, StringConcat, Tokenization } from './cdktf';
import { escapeTemplateLiteral, templateSequences } from '../lib/terraform/template-literal';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** cdktf's marker of a string token, `${TfToken[TOKEN.<n>]}` (cdktf/lib/tokens/private/encoding.js). */
const STRING_TOKEN = /\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;

/**
 * Resolves an element's configuration (as `toTerraform()` returns it) so that Terraform reads
 * every literal string verbatim, and only the references cdktf made stay expressions.
 *
 * Literal text is everything our code wrote: the strings of the configuration and whatever a
 * `Lazy` produces (policy documents, tag lists). References are the other tokens (cdktf's
 * expressions, e.g. `role.id` -> `${aws_iam_role.x.id}`); their output is kept as it is. cdktf
 * itself returns strings without tokens untouched, so a user's `${file("/etc/passwd")}` would be
 * evaluated by Terraform; this is the one place that prevents it.
 *
 * User text must never carry cdktf's own token marker, or it would be taken for a reference:
 * the model refuses `{TfToken[` in every string it accepts (lib/model/literal-text.ts).
 */
export function resolveWithLiterals(config: unknown, scope: IConstruct): unknown {
  const context: IResolveContext = {
    scope,
    preparing: false,
    resolve: (x: unknown) => literal(x),
    registerPostProcessor: () => undefined,
  };

  function token(t: IResolvable): unknown {
    // A Lazy produces data we wrote: walk it as literal text. Anything else is an expression.
    if (t instanceof LazyBase) return literal(t.resolve(context));
    return Tokenization.resolve(t, { scope, preparing: false, resolver: RESOLVER });
  }

  function text(s: string): unknown {
    // Neither a token marker nor a template sequence without a brace: most strings (names, ARNs).
    if (!s.includes('{')) return s;
    const markers = [...s.matchAll(STRING_TOKEN)];
    if (markers.length === 0) return escapeTemplateLiteral(s);
    const tokens = markers.map((m) => Tokenization.reverseString(m[0]).firstToken);
    // A whole-string token keeps its type (a Lazy may produce a list or an object).
    if (markers.length === 1 && markers[0][0] === s && tokens[0] !== undefined) return token(tokens[0]);
    let out = '';
    let at = 0;
    markers.forEach((m, i) => {
      const t = tokens[i];
      out += escapeTemplateLiteral(s.slice(at, m.index));
      out += t === undefined ? escapeTemplateLiteral(m[0]) : String(token(t));
      at = m.index! + m[0].length;
    });
    return out + escapeTemplateLiteral(s.slice(at));
  }

  function literal(x: unknown): unknown {
    if (typeof x === 'string') return text(x);
    if (typeof x === 'number') {
      const t = Tokenization.reverseNumber(x);
      return t === undefined ? x : token(t);
    }
    if (x === null || typeof x !== 'object') return x;
    if (Tokenization.isResolvable(x)) return token(x);
    if (Array.isArray(x)) {
      const t = x.length === 1 && typeof x[0] === 'string' ? Tokenization.reverseList(x as string[]) : undefined;
      return t !== undefined ? token(t) : x.map(literal).filter((v) => v !== undefined);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) {
      const value = literal(v);
      if (value !== undefined) out[k] = value;
    }
    return out;
  }

  return literal(config);
}

/** A `${...}` or `%{...}` of a synthesized stack that is not a reference to one of its resources. */
export interface StrayExpression {
  /** Where it is, as a JSON path (`resource.aws_glue_catalog_database.x.description`). */
  readonly path: string;
  readonly sequence: string;
}

/** `<type>.<name>.<attribute...>` or `data.<type>.<name>.<attribute...>`: a reference, nothing computed. */
const REFERENCE = /^(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)(\.[A-Za-z0-9_-]+)+$/;

/**
 * Every expression in a synthesized stack's JSON (`//` comments aside) that is not a reference
 * to a resource or data source of the same stack: after {@link resolveWithLiterals} there is
 * none, whatever a user wrote. Keys are checked too (tag keys are strings Terraform reads).
 */
export function strayExpressions(stack: unknown): StrayExpression[] {
  const root = (stack ?? {}) as { resource?: Record<string, Record<string, unknown>>; data?: Record<string, Record<string, unknown>> };
  const exists = (data: boolean, type: string, name: string) => Object.hasOwn((data ? root.data : root.resource)?.[type] ?? {}, name);
  const found: StrayExpression[] = [];
  const check = (s: string, path: string) => {
    for (const seq of templateSequences(s)) {
      const ref = seq.kind === 'interpolation' && seq.closed ? REFERENCE.exec(seq.body) : null;
      if (ref === null || !exists(ref[1] !== undefined, ref[2], ref[3])) {
        found.push({ path, sequence: `${seq.kind === 'interpolation' ? '$' : '%'}{${seq.body}${seq.closed ? '}' : ''}` });
      }
    }
  };
  const walk = (x: unknown, path: string): void => {
    if (typeof x === 'string') check(x, path);
    else if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (x !== null && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if (k === '//') continue;
        const p = path === '' ? k : `${path}.${k}`;
        check(k, p);
        walk(v, p);
      }
    }
  };
  walk(stack, '');
  return found;
}

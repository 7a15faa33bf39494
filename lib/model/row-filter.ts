import { Expr, parseWithComments } from 'pgsql-ast-parser';
import { PARTIQL_KEYWORDS } from './partiql-keywords';

/**
 * Lake Formation's limit on a data cells filter's `filter_expression`: "less than 2048 characters"
 * (developer guide) and "not more than 2048 bytes" (API reference); the stricter of both, counted
 * in UTF-8 bytes of the text sent.
 */
export const ROW_FILTER_MAX_BYTES = 2047;

/** Where something is in the filter as the user wrote it: offsets into that string. */
export interface FilterSpan {
  readonly start: number;
  readonly end: number;
}

/** A column named by a filter. */
export interface FilterColumn {
  readonly name: string;
  readonly at: FilterSpan;
}

/** A constant, or a reader attribute (`@name`) that row policies substitute per segment. */
export type FilterValue =
  | { readonly kind: 'string'; readonly value: string; readonly at: FilterSpan }
  | { readonly kind: 'number'; readonly text: string; readonly at: FilterSpan }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly at: FilterSpan }
  | { readonly kind: 'parameter'; readonly name: string; readonly at: FilterSpan };

/** The comparison operators Lake Formation accepts (`!=` is read as `<>`). */
export type CompareOperator = '=' | '<>' | '<' | '<=' | '>' | '>=';

/**
 * A row filter in the subset Lake Formation evaluates: conditions of one column against
 * constants, joined by AND, OR and NOT.
 */
export type RowCondition =
  | { readonly kind: 'and' | 'or'; readonly operands: readonly RowCondition[] }
  | { readonly kind: 'not'; readonly operand: RowCondition }
  | { readonly kind: 'compare'; readonly column: FilterColumn; readonly op: CompareOperator; readonly value: FilterValue }
  | { readonly kind: 'in'; readonly column: FilterColumn; readonly negated: boolean; readonly values: readonly FilterValue[] }
  | {
      readonly kind: 'between';
      readonly column: FilterColumn;
      readonly negated: boolean;
      readonly low: FilterValue;
      readonly high: FilterValue;
    }
  | { readonly kind: 'like'; readonly column: FilterColumn; readonly negated: boolean; readonly pattern: FilterValue }
  | { readonly kind: 'null'; readonly column: FilterColumn; readonly negated: boolean };

/** A parsed row filter. */
export interface RowFilter {
  readonly condition: RowCondition;
  /** The canonical text: what Terraform sends to Lake Formation, and what reports show. */
  readonly text: string;
}

/** Why a filter was refused, and where in the user's text. */
export interface RowFilterError {
  /** Offset into the filter as written. */
  readonly offset: number;
  /** What was found and what is expected, without the filter's owner (the caller adds it). */
  readonly message: string;
}

export type RowFilterResult = { readonly ok: true; readonly filter: RowFilter } | { readonly ok: false; readonly error: RowFilterError };

/** How a filter is parsed. */
export interface RowFilterOptions {
  /**
   * Reader attributes that `@name` may stand for (row policies substitute them per segment).
   * @default - none: `@name` is refused, as grants and bindings compare columns with constants only
   */
  readonly parameters?: readonly string[];
}

const EXPECTED =
  "expected conditions such as `country = 'FR'`, `amount BETWEEN 1 AND 9`, `code IN ('a', 'b')`, `name LIKE 'A%'` or `note IS NULL`, joined by AND, OR and NOT";
const COMPARE: Readonly<Record<string, CompareOperator>> = { '=': '=', '!=': '<>', '<>': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

class Refusal {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/**
 * Parses a row filter with pgsql-ast-parser and accepts only what Lake Formation's data cells
 * filters evaluate. Never throws: a refused filter comes back with the offset of the fault and a
 * message naming what was found and what is expected.
 */
export function parseRowFilter(source: string, options: RowFilterOptions = {}): RowFilterResult {
  try {
    return { ok: true, filter: parseOrRefuse(source, options.parameters ?? []) };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: { offset: e.offset, message: e.message } };
    throw e;
  }
}

function parseOrRefuse(source: string, parameters: readonly string[]): RowFilter {
  if (source.trim() === '') throw new Refusal(0, 'empty; leave `rows` out for all rows');
  // Bounds the parser's work: no filter longer than this can be sent, whatever its canonical form.
  if (utf8Length(source) > 2 * ROW_FILTER_MAX_BYTES) throw new Refusal(0, tooLong(utf8Length(source), 'as written'));
  const scan = scanFilter(source, parameters);
  let parsed;
  try {
    parsed = parseWithComments(scan.text, { entry: 'expr', locationTracking: true });
  } catch (e) {
    throw syntaxRefusal(source, e);
  }
  // With `entry: 'expr'` the parser returns the expression, wrapped in an array by some versions.
  const root = (Array.isArray(parsed.ast) ? parsed.ast[0] : parsed.ast) as unknown as Expr;
  const rootAt = span(root, source);
  const trailing = scan.text.slice(rootAt.end).search(/[^\s)]/);
  if (parsed.comments.length > 0 || trailing >= 0) {
    throw new Refusal(parsed.comments[0]?._location?.start ?? rootAt.end + trailing, `unexpected text after the condition; ${EXPECTED}`);
  }
  const condition = toCondition(root, source, scan.parameters);
  const text = renderCondition(condition);
  if (utf8Length(text) > ROW_FILTER_MAX_BYTES) throw new Refusal(0, tooLong(utf8Length(text), 'as sent'));
  return { condition, text };
}

function tooLong(bytes: number, how: string): string {
  return `${bytes} bytes ${how}; Lake Formation accepts at most ${ROW_FILTER_MAX_BYTES}`;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * A lexical pass before the parser, for what it would accept silently or report poorly: comments
 * (skipped by the parser, and an unterminated one swallowed), `;`, unclosed strings and quoted names,
 * unbalanced parentheses, control characters. It also replaces each `@name` by a parameter of the
 * same length (`$1` and spaces), so that offsets stay those of the user's text.
 */
function scanFilter(source: string, allowed: readonly string[]): { text: string; parameters: ReadonlyMap<number, string> } {
  const parameters = new Map<number, string>();
  const open: number[] = [];
  let text = '';
  let i = 0;
  // Inside strings too: Lake Formation's expression pattern takes tabs and line breaks only, and
  // reports print the filter to terminals.
  // eslint-disable-next-line no-control-regex -- control characters in a filter are refused, so they must be found
  const control = source.search(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
  if (control >= 0) {
    throw new Refusal(
      control,
      `control character U+${source.charCodeAt(control).toString(16).toUpperCase().padStart(4, '0')}; a row filter holds printable text only`,
    );
  }
  while (i < source.length) {
    const c = source[i];
    if (c === "'" || c === '"') {
      const end = closingQuote(source, i);
      if (end < 0) {
        throw new Refusal(
          i,
          c === "'"
            ? "the string that starts here is never closed; expected a closing `'` (write `''` for a quote inside a string)"
            : 'the quoted column name that starts here is never closed; expected a closing `"`',
        );
      }
      text += source.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (two === '--' || two === '/*')
      throw new Refusal(i, `a comment (\`${two}\`); a row filter holds no comments, since Lake Formation evaluates the text as written`);
    if (c === ';') throw new Refusal(i, '`;` ends a statement; a row filter is one condition, never statements');
    if (c === '$') throw new Refusal(i, `unexpected \`$\`; ${EXPECTED}`);
    if (c === '(') open.push(i);
    if (c === ')' && open.pop() === undefined) throw new Refusal(i, '`)` closes no `(`; parentheses must balance');
    if (c === '@') {
      const name = /^@([A-Za-z_][A-Za-z0-9_]*)/.exec(source.slice(i))?.[1];
      if (name !== undefined) {
        if (!allowed.includes(name)) {
          throw new Refusal(
            i,
            allowed.length === 0
              ? `\`@${name}\` stands for a reader's attribute, which only row policies may use; expected a constant`
              : `unknown attribute \`@${name}\`; expected one of ${allowed.map((a) => `\`@${a}\``).join(', ')}`,
          );
        }
        parameters.set(i, name);
        text += '$1'.padEnd(name.length + 1, ' ');
        i += name.length + 1;
        continue;
      }
    }
    text += c;
    i++;
  }
  if (open.length > 0) throw new Refusal(open[open.length - 1], '`(` is never closed; expected `)`');
  return { text, parameters };
}

/** Offset of the quote that closes the one at `start` (a doubled quote stands for itself), or -1. */
function closingQuote(source: string, start: number): number {
  const q = source[start];
  for (let j = start + 1; j < source.length; j++) {
    if (source[j] !== q) continue;
    if (source[j + 1] === q) j++;
    else return j;
  }
  return -1;
}

function syntaxRefusal(source: string, e: unknown): Refusal {
  const token = (e as { token?: { text?: string; offset?: number } }).token;
  if (token?.offset !== undefined && token.text !== undefined) {
    return new Refusal(token.offset, `unexpected \`${token.text}\`; ${EXPECTED}`);
  }
  const end = source.trimEnd().length;
  return new Refusal(end, `it ends before its condition is complete; ${EXPECTED}`);
}

function span(node: Expr, source: string): FilterSpan {
  return node._location ?? { start: 0, end: source.length };
}

function describe(node: Expr, source: string): string {
  const at = span(node, source);
  const text = source.slice(at.start, at.end);
  return `\`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\``;
}

/** Turns the parser's tree into a condition, refusing every construct outside the subset. */
function toCondition(node: Expr, source: string, parameters: ReadonlyMap<number, string>): RowCondition {
  const at = span(node, source);
  const sub = (n: Expr) => toCondition(n, source, parameters);
  const column = (n: Expr, op: string) => toColumn(n, op, source);
  const value = (n: Expr) => toValue(n, source, parameters);
  switch (node.type) {
    case 'binary': {
      const op = node.op.toUpperCase();
      if (op === 'AND' || op === 'OR') {
        const kind = op === 'AND' ? 'and' : 'or';
        const operands = [sub(node.left), sub(node.right)].flatMap((c) => (c.kind === kind ? c.operands : [c]));
        return { kind, operands };
      }
      if (op === 'IN' || op === 'NOT IN') {
        const list = node.right.type === 'list' ? node.right.expressions : [node.right];
        return { kind: 'in', column: column(node.left, op), negated: op === 'NOT IN', values: list.map(value) };
      }
      if (op === 'LIKE' || op === 'NOT LIKE')
        return { kind: 'like', column: column(node.left, op), negated: op === 'NOT LIKE', pattern: value(node.right) };
      const compare = COMPARE[op];
      if (compare !== undefined) {
        if (node.right.type === 'null')
          throw new Refusal(span(node.right, source).start, `\`${op} NULL\` is never true; use \`IS NULL\` or \`IS NOT NULL\``);
        return { kind: 'compare', column: column(node.left, op), op: compare, value: value(node.right) };
      }
      throw new Refusal(
        at.start,
        `operator \`${node.op}\` in ${describe(node, source)} is not one Lake Formation row filters support; expected =, <>, !=, <, <=, >, >=, IN, BETWEEN, LIKE, IS [NOT] NULL, AND, OR, NOT`,
      );
    }
    case 'ternary':
      return {
        kind: 'between',
        column: column(node.value, node.op),
        negated: node.op === 'NOT BETWEEN',
        low: value(node.lo),
        high: value(node.hi),
      };
    case 'unary':
      if (node.op === 'NOT') return { kind: 'not', operand: sub(node.operand) };
      if (node.op === 'IS NULL' || node.op === 'IS NOT NULL')
        return { kind: 'null', column: column(node.operand, node.op), negated: node.op === 'IS NOT NULL' };
      break;
    default:
      break;
  }
  throw notSupported(node, source, 'a condition');
}

function toColumn(node: Expr, op: string, source: string): FilterColumn {
  const at = span(node, source);
  if (node.type === 'ref') {
    if (node.table)
      throw new Refusal(at.start, `${describe(node, source)} names a nested or qualified column; expected a top-level column of the table`);
    if (node.name === '*') throw new Refusal(at.start, `\`*\` is not a column; expected a column name`);
    return { name: node.name, at };
  }
  if (node.type === 'keyword')
    throw new Refusal(at.start, `\`${node.keyword}\` is a keyword; write "${node.keyword}" to name a column of that name`);
  throw notSupported(node, source, `a column on the left of ${op}`);
}

function toValue(node: Expr, source: string, parameters: ReadonlyMap<number, string>): FilterValue {
  const at = span(node, source);
  switch (node.type) {
    case 'string':
      if (source[at.start] !== "'") break;
      return { kind: 'string', value: node.value, at };
    case 'integer':
    case 'numeric': {
      const text = source.slice(at.start, at.end).replace(/\s+/g, '');
      if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(text)) break;
      return { kind: 'number', text, at };
    }
    case 'unary':
      // A sign before a number: `- 1` (the parser folds `-1` into the number itself).
      if ((node.op === '-' || node.op === '+') && (node.operand.type === 'integer' || node.operand.type === 'numeric')) {
        const digits = toValue(node.operand, source, parameters);
        if (digits.kind === 'number' && !digits.text.startsWith('-'))
          return { kind: 'number', text: `${node.op === '-' ? '-' : ''}${digits.text}`, at };
      }
      break;
    case 'boolean':
      return { kind: 'boolean', value: node.value, at };
    case 'parameter': {
      const name = parameters.get(at.start);
      if (name !== undefined) return { kind: 'parameter', name, at: { start: at.start, end: at.start + name.length + 1 } };
      break;
    }
    case 'ref':
      throw new Refusal(at.start, `compares with column ${describe(node, source)}; Lake Formation compares columns with constants only`);
    default:
      break;
  }
  throw notSupported(node, source, "a constant (a 'string', a number, TRUE or FALSE)");
}

function notSupported(node: Expr, source: string, expected: string): Refusal {
  const at = span(node, source);
  const found = describe(node, source);
  switch (node.type) {
    case 'call':
      return new Refusal(at.start, `${found} calls a function; Lake Formation row filters allow no functions; expected ${expected}`);
    case 'select':
    case 'union':
    case 'union all':
    case 'with':
    case 'with recursive':
    case 'values':
      return new Refusal(at.start, `${found} is a subquery; Lake Formation row filters allow no subqueries; expected ${expected}`);
    case 'cast':
      return new Refusal(at.start, `${found} is a type cast; Lake Formation row filters allow no casts; expected ${expected}`);
    case 'null':
      return new Refusal(at.start, `\`NULL\` is not a value to compare with; use \`IS NULL\`; expected ${expected}`);
    default:
      return new Refusal(at.start, `unexpected ${found}; expected ${expected}`);
  }
}

/** The canonical text of a condition: keywords in capitals, single spaces, only needed parentheses. */
export function renderCondition(c: RowCondition): string {
  const not = (negated: boolean) => (negated ? 'NOT ' : '');
  switch (c.kind) {
    case 'and':
    case 'or':
      return c.operands
        .map((o) => (o.kind === 'and' || o.kind === 'or' ? `(${renderCondition(o)})` : renderCondition(o)))
        .join(c.kind === 'and' ? ' AND ' : ' OR ');
    case 'not':
      return `NOT (${renderCondition(c.operand)})`;
    case 'compare':
      return `${columnText(c.column.name)} ${c.op} ${valueText(c.value)}`;
    case 'in':
      return `${columnText(c.column.name)} ${not(c.negated)}IN (${c.values.map(valueText).join(', ')})`;
    case 'between':
      return `${columnText(c.column.name)} ${not(c.negated)}BETWEEN ${valueText(c.low)} AND ${valueText(c.high)}`;
    case 'like':
      return `${columnText(c.column.name)} ${not(c.negated)}LIKE ${valueText(c.pattern)}`;
    case 'null':
      return `${columnText(c.column.name)} IS ${not(c.negated)}NULL`;
  }
}

/** A column as PartiQL reads it: in double quotes when it is a keyword or not a plain lower-case name. */
function columnText(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !PARTIQL_KEYWORDS.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** A SQL string literal: in single quotes, each quote inside doubled. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function valueText(v: FilterValue): string {
  switch (v.kind) {
    case 'string':
      return sqlString(v.value);
    case 'number':
      return v.text;
    case 'boolean':
      return v.value ? 'TRUE' : 'FALSE';
    case 'parameter':
      return `@${v.name}`;
  }
}

/** A test of one column: a condition that is not AND, OR or NOT. */
export type ColumnTest = Extract<RowCondition, { readonly column: FilterColumn }>;

/** Every test of a column in a condition, in order of appearance. */
export function columnTests(c: RowCondition): ColumnTest[] {
  switch (c.kind) {
    case 'and':
    case 'or':
      return c.operands.flatMap(columnTests);
    case 'not':
      return columnTests(c.operand);
    default:
      return [c];
  }
}

/** The values a test compares its column with. */
export function testValues(t: ColumnTest): FilterValue[] {
  switch (t.kind) {
    case 'compare':
      return [t.value];
    case 'in':
      return [...t.values];
    case 'between':
      return [t.low, t.high];
    case 'like':
      return [t.pattern];
    case 'null':
      return [];
  }
}

/**
 * The filter with each `@name` replaced by the reader's value as a SQL string literal (quotes
 * doubled): what a row policy sends for one segment. Values are data, never SQL.
 * @throws Error naming a parameter without a value (a caller's mistake, not a user's)
 */
export function substituteParameters(filter: RowFilter, values: Readonly<Record<string, string>>): RowFilter {
  const substitute = (v: FilterValue): FilterValue => {
    if (v.kind !== 'parameter') return v;
    if (!Object.hasOwn(values, v.name)) throw new Error(`no value for @${v.name}`);
    return { kind: 'string', value: values[v.name], at: v.at };
  };
  const walk = (c: RowCondition): RowCondition => {
    switch (c.kind) {
      case 'and':
      case 'or':
        return { kind: c.kind, operands: c.operands.map(walk) };
      case 'not':
        return { kind: 'not', operand: walk(c.operand) };
      case 'compare':
        return { ...c, value: substitute(c.value) };
      case 'in':
        return { ...c, values: c.values.map(substitute) };
      case 'between':
        return { ...c, low: substitute(c.low), high: substitute(c.high) };
      case 'like':
        return { ...c, pattern: substitute(c.pattern) };
      case 'null':
        return c;
    }
  };
  const condition = walk(filter.condition);
  return { condition, text: renderCondition(condition) };
}

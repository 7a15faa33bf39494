import { ProblemCollector, SpecPath } from './problems';

/**
 * Fields a person writes prose in. They reach AWS as descriptions, comments and row filters and
 * are carried literally: synthesis escapes them so that Terraform sends them as written
 * (constructs/terraform-literals.ts). `*` stands for any index or key.
 */
export const FREE_TEXT_FIELDS: readonly SpecPath[] = [
  ['classification', 'classes', '*', 'description'],
  ['domains', '*', 'description'],
  ['purposes', '*', 'description'],
  ['products', '*', 'info', 'title'],
  ['products', '*', 'info', 'description'],
  ['products', '*', 'outputPorts', '*', 'description'],
  ['products', '*', 'outputPorts', '*', 'columns', '*', 'description'],
  ['products', '*', 'outputPorts', '*', 'table', 'partitionKeys', '*', 'description'],
  ['products', '*', 'grants', '*', 'rows'],
  ['products', '*', 'purposes', '*', 'rows'],
  ['products', '*', 'suppressions', '*', 'reason'],
  ['policy', 'suppressions', '*', 'reason'],
  // Reasons of recorded approvals (docs/lifecycle.md): prose that stays in the spec and reports.
  ...(['users', 'groups', 'attributes'] as const).flatMap((kind): SpecPath[] => [
    ['purposes', '*', 'members', kind, '*', 'reason'],
    ...(['analyst', 'engineer', 'owner'] as const).map((role): SpecPath => [
      'products',
      '*',
      'roles',
      role,
      'members',
      kind,
      '*',
      'reason',
    ]),
  ]),
  ['products', '*', 'grants', '*', 'reason'],
  ['products', '*', 'purposes', '*', 'reason'],
  ['products', '*', 'overrides', '*', 'rows'],
  ['products', '*', 'overrides', '*', 'reason'],
];

/** C0 and C1 control characters other than tab, line feed and carriage return, and DEL. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Invisible bidirectional overrides and isolates: text that reads differently from what it is. */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
/** What cdktf's token markers (`${TfToken[`, `#{TfToken[`, `&{TfToken[`) have in common. */
const TOKEN_MARKER = '{TfToken[';

/** A user's value, safe to print in a message: control characters shown as `\u{..}`, cut at 80. */
export function shown(value: string): string {
  // eslint-disable-next-line no-control-regex
  const visible = value.replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
  return visible.length > 80 ? `${visible.slice(0, 77)}...` : visible;
}

const isFreeText = (path: SpecPath) =>
  FREE_TEXT_FIELDS.some((f) => f.length === path.length && f.every((part, i) => part === '*' || part === path[i]));

/**
 * Checks every string of the spec, keys included, for what no field may hold: control characters,
 * bidirectional overrides and cdktf's token marker (which synthesis would take for a reference).
 * Every field that is not free text is a name, an id, an ARN or a tag, used by Terraform and AWS
 * exactly as written: `${` or `%{` there is refused rather than escaped, because it is never
 * meant (and IAM would read `${...}` in a policy as a variable). Runs last, and says nothing
 * about a field that already has a problem (a name that fails its pattern). `spec` is the mesh
 * spec, walked as plain data.
 */
export function checkLiteralText(spec: object, problems: ProblemCollector): void {
  const reported = new Set(problems.problems.map((p) => JSON.stringify(p.path)));
  const check = (value: string, path: SpecPath, what: string) => {
    if (reported.has(JSON.stringify(path))) return;
    const report = (message: string, hint?: string) => {
      problems.add(path, message, hint);
      reported.add(JSON.stringify(path));
    };
    const control = CONTROL.exec(value) ?? BIDI.exec(value);
    if (control !== null) {
      const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      report(`${what} \`${shown(value)}\` contains the invisible character U+${code}; only tabs and line breaks are allowed`);
    } else if (value.includes(TOKEN_MARKER)) {
      report(
        `${what} \`${shown(value)}\` contains \`${TOKEN_MARKER}\`, which cdktf would take for a reference; it cannot be written literally`,
      );
    } else if (!isFreeText(path) && /[$%]\{/.test(value)) {
      report(
        `${what} \`${shown(value)}\` contains \`${value.includes('${') ? '${' : '%{'}\`; names, ids, ARNs and tag values are used as written, and Terraform would evaluate it`,
        'only titles, descriptions, reasons and row filters may contain `${` or `%{`',
      );
    }
  };
  const walk = (x: unknown, path: SpecPath): void => {
    if (typeof x === 'string') check(x, path, 'value');
    else if (Array.isArray(x)) x.forEach((v, i) => walk(v, [...path, i]));
    else if (x !== null && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        check(k, [...path, k], 'key');
        walk(v, [...path, k]);
      }
    }
  };
  walk(spec, []);
}

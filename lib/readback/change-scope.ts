import { lfTagText } from './lf-tags';
import { ResourceBody, TerraformStack, block, isObject, resourceList, stackTarget, strings, text } from './terraform-stack';
import { ROLE_REFERENCE } from './understood-shapes';

/**
 * The access entries a change between two versions of a stack can touch: every entry of its
 * principals, and every principal's entry on its tables or on the tables of its databases. An
 * entry outside the scope reads the same from both versions, so a diff may leave it out.
 */
export interface AccessScope {
  /** Principal ARNs. */
  readonly principals: ReadonlySet<string>;
  /** `<database>\u0000<table>`. */
  readonly tables: ReadonlySet<string>;
  readonly databases: ReadonlySet<string>;
}

/** True when the entry of `principal` on `database.table` lies in the scope. */
export function inScope(scope: AccessScope, principal: string, database: string, table: string): boolean {
  return scope.principals.has(principal) || scope.databases.has(database) || scope.tables.has(tableKey(database, table));
}

/**
 * What can differ in the access read back from `before` and `after` (two versions of one stack),
 * from the resources whose bodies differ (added, removed or changed, compared per Terraform
 * address), by what readback derives from each type:
 * - a role, its policies, or a Lake Formation permission: its principal (trust, IAM, grants,
 *   database visibility, tag-policy grants all belong to it);
 * - a Glue table or data cells filter: its table; a Glue database: its tables;
 * - an LF-tag assignment: what it tags (database, table or columns), since tag-policy grants
 *   reach data by its tags, whoever holds them;
 * - an LF-tag definition: what every assignment of a value it gains or loses tags (an assignment
 *   of an undefined value counts for nothing).
 * - an Athena workgroup: nothing (no access entry reads it).
 * Undefined (everything may differ) when anything else differs: the provider (account, region,
 * environment), locals (the declared external catalog), other top-level blocks, data lake
 * settings, storage registrations (hybrid access), or a resource type readback does not read.
 */
export function changeScope(before: TerraformStack, after: TerraformStack): AccessScope | undefined {
  if (!isObject(before.json) || !isObject(after.json)) return undefined;
  for (const key of new Set([...Object.keys(before.json), ...Object.keys(after.json)]))
    if (
      key !== 'resource' &&
      key !== '//' &&
      !sameJson(before.json[key as keyof TerraformStack['json']], after.json[key as keyof TerraformStack['json']])
    )
      return undefined;
  const { account } = stackTarget(after);
  const principals = new Set<string>();
  const tables = new Set<string>();
  const databases = new Set<string>();
  const roleNames = new Set<string>();
  const changedTagValues = new Map<string, Set<string> | 'all'>();
  const types = new Set([...typesOf(before), ...typesOf(after)]);
  for (const type of types) {
    const old = bodiesOf(before, type);
    const now = bodiesOf(after, type);
    if (old === undefined || now === undefined) return undefined;
    for (const name of new Set([...Object.keys(old), ...Object.keys(now)])) {
      const [a, b] = [old[name], now[name]];
      if (a !== undefined && b !== undefined && sameJson(a, b)) continue;
      for (const [body, stack] of [
        [a, before],
        [b, after],
      ] as const) {
        if (body === undefined) continue;
        if (!isObject(body)) return undefined;
        switch (type) {
          case 'aws_iam_role':
            roleNames.add(text(body.name) ?? '');
            break;
          case 'aws_iam_role_policy': {
            const role = typeof body.role === 'string' ? body.role : '';
            const ref = ROLE_REFERENCE.exec(role);
            const target = ref ? resourceList(stack, 'aws_iam_role').find((r) => r.name === ref[1]) : undefined;
            roleNames.add((ref ? text(target?.body.name) : text(role)) ?? '');
            break;
          }
          case 'aws_lakeformation_permissions':
            principals.add(text(body.principal) ?? '');
            break;
          case 'aws_glue_catalog_table':
            tables.add(tableKey(text(body.database_name) ?? '', text(body.name) ?? ''));
            break;
          case 'aws_lakeformation_data_cells_filter': {
            const d = block(body.table_data) ?? {};
            tables.add(tableKey(text(d.database_name) ?? '', text(d.table_name) ?? ''));
            break;
          }
          case 'aws_glue_catalog_database':
            databases.add(text(body.name) ?? '');
            break;
          case 'aws_lakeformation_resource_lf_tags':
            addTagged(body, tables, databases);
            break;
          case 'aws_lakeformation_lf_tag':
            tagDefinitionChange(changedTagValues, old, now, name);
            break;
          case 'aws_athena_workgroup':
            // Read for audit (lib/readback/workgroups.ts), not for access: no entry depends on it.
            break;
          default:
            return undefined;
        }
      }
    }
  }
  // Roles by name, on both sides: a policy names its role, and an ARN holds the role's path.
  for (const stack of [before, after])
    for (const { body } of resourceList(stack, 'aws_iam_role'))
      if (roleNames.has(text(body.name) ?? ''))
        principals.add(`arn:aws:iam::${account}:role${text(body.path) ?? '/'}${text(body.name) ?? ''}`);
  if (changedTagValues.size > 0)
    for (const stack of [before, after])
      for (const { body } of resourceList(stack, 'aws_lakeformation_resource_lf_tags')) {
        const pairs = Array.isArray(body.lf_tag) ? body.lf_tag : [body.lf_tag];
        const touched = pairs.some((t) => {
          const pair = isObject(t) ? ([text(t.key), text(t.value)] as const) : [undefined, undefined];
          if (pair[0] === undefined || pair[1] === undefined) return false;
          const values = changedTagValues.get(lfTagText(pair[0]));
          return values === 'all' || (values !== undefined && values.has(lfTagText(pair[1])));
        });
        if (touched) addTagged(body, tables, databases);
      }
  return { principals, tables, databases };
}

const tableKey = (database: string, table: string) => `${database}\u0000${table}`;

function typesOf(stack: TerraformStack): string[] {
  const resource = isObject(stack.json) ? stack.json.resource : undefined;
  return isObject(resource) ? Object.keys(resource) : [];
}

/** The bodies of one type by logical name; undefined when the type's block is not an object (everything may differ). */
function bodiesOf(stack: TerraformStack, type: string): Readonly<Record<string, unknown>> | undefined {
  const resource = isObject(stack.json) ? stack.json.resource : undefined;
  const byName = isObject(resource) ? resource[type] : undefined;
  return byName === undefined ? {} : isObject(byName) ? byName : undefined;
}

/** The database, table or tables an LF-tag assignment targets, into the scope. */
function addTagged(body: ResourceBody, tables: Set<string>, databases: Set<string>): void {
  const db = block(body.database);
  if (db !== undefined) databases.add(text(db.name) ?? '');
  for (const t of [block(body.table), block(body.table_with_columns)]) {
    if (t === undefined) continue;
    if (t.wildcard === true) databases.add(text(t.database_name) ?? '');
    else tables.add(tableKey(text(t.database_name) ?? '', text(t.name) ?? ''));
  }
}

/** Records the values an LF-tag definition gains or loses (`all` when its key itself changes). */
function tagDefinitionChange(
  changed: Map<string, Set<string> | 'all'>,
  old: Readonly<Record<string, unknown>>,
  now: Readonly<Record<string, unknown>>,
  name: string,
): void {
  const read = (body: unknown) =>
    isObject(body) && text(body.key) !== undefined
      ? { key: lfTagText(text(body.key)!), values: new Set(strings(body.values).map(lfTagText)) }
      : undefined;
  const [a, b] = [read(old[name]), read(now[name])];
  const mark = (key: string, values: Iterable<string> | 'all') => {
    const known = changed.get(key);
    if (known === 'all' || values === 'all') changed.set(key, 'all');
    else changed.set(key, new Set([...(known ?? []), ...values]));
  };
  if (a === undefined || b === undefined || a.key !== b.key) {
    for (const side of [a, b]) if (side !== undefined) mark(side.key, 'all');
    return;
  }
  mark(a.key, [...a.values].filter((v) => !b.values.has(v)).concat([...b.values].filter((v) => !a.values.has(v))));
}

/** Deep equality of two parsed JSON values (key order aside). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

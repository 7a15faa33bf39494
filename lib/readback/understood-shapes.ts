import { StackProblems } from './readback-problems';
import { ResourceBody, TerraformStack, hasTemplate, isObject } from './terraform-stack';

/**
 * What readback understands of a stack, and nothing more: the resource types, fields, nested
 * blocks and values meshgrant writes (and the few harmless variants of them Terraform accepts).
 * Everything else is reported as not understood, which report gates take as possible widening:
 * readback fails closed, so a hand edit or a hostile `cdktf.out` cannot read as narrower or as
 * unchanged. Readers may then rely on these shapes; what they mean (a table the stack does not
 * declare, a trust condition) is judged where they are read.
 */
export function checkStackShape(stack: TerraformStack, problems: StackProblems): void {
  const json: unknown = stack.json;
  if (!isObject(json)) {
    problems.notUnderstood(undefined, `the stack is ${kindOf(json)}, not a JSON object; what it grants is unknown`);
    return;
  }
  for (const key of Object.keys(json).filter((k) => !TOP_LEVEL.has(k))) {
    problems.notUnderstood(undefined, `top-level \`${key}\` is not understood; it may create resources that grant access`);
  }
  const resource = json.resource;
  if (resource === undefined) return;
  if (!isObject(resource)) {
    problems.notUnderstood(
      undefined,
      `\`resource\` is ${kindOf(resource)}, not an object of resource types; what the stack grants is unknown`,
    );
    return;
  }
  for (const [type, byName] of Object.entries(resource)) {
    if (!isObject(byName)) {
      problems.notUnderstood(`resource.${type}`, `is ${kindOf(byName)}, not an object of resources; what it grants is unknown`);
      continue;
    }
    const fields = FIELDS[type];
    for (const [name, body] of Object.entries(byName)) {
      const address = `${type}.${name}`;
      if (fields === undefined) problems.notUnderstood(address, `resource type ${type} is not understood; it may grant access`);
      else if (!isObject(body)) problems.notUnderstood(address, `is ${kindOf(body)}, not a resource body`);
      else checkResource(type, body, fields, (what) => problems.notUnderstood(address, what));
    }
  }
}

/** Top-level keys of a cdktf stack that create no resource by themselves. */
const TOP_LEVEL = new Set(['//', 'terraform', 'provider', 'resource', 'data', 'output', 'variable', 'locals']);

/** Meta-arguments that change neither what a resource is nor how many there are. */
const META = new Set(['//', 'depends_on', 'lifecycle', 'timeouts']);

type Say = (what: string) => void;
/** A field's check: says what it does not understand in `value`. */
type FieldCheck = (value: unknown, field: string, say: Say) => void;

const anything: FieldCheck = () => undefined;
const isText: FieldCheck = (v, field, say) => {
  if (typeof v !== 'string') say(`\`${field}\` is ${kindOf(v)}, not text`);
};
const isTextList: FieldCheck = (v, field, say) => {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) say(`\`${field}\` is ${kindOf(v)}, not a list of text`);
};
const isFlag: FieldCheck = (v, field, say) => {
  if (typeof v !== 'boolean') say(`\`${field}\` is ${kindOf(v)}, not true or false`);
};
/** A string map (tags, parameters). */
const isTextMap: FieldCheck = (v, field, say) => {
  if (!isObject(v) || Object.values(v).some((x) => typeof x !== 'string')) say(`\`${field}\` is ${kindOf(v)}, not a map of text`);
};
/** Only `false` or absent: the value that would grant more is not understood. */
const isFalse: FieldCheck = (v, field, say) => {
  if (v !== false) say(`\`${field}\` = ${JSON.stringify(v)} is not understood; it may grant access outside Lake Formation`);
};
/** An empty list or absent. */
const isEmpty: FieldCheck = (v, field, say) => {
  if (!Array.isArray(v) || v.length > 0) say(`\`${field}\` is not understood; it may grant access`);
};

/** A nested block holding one object (written as an object or a one-item list) with these fields. */
function oneBlock(fields: Readonly<Record<string, FieldCheck>>, required: readonly string[] = []): FieldCheck {
  return (v, field, say) => {
    const list = Array.isArray(v) ? v : [v];
    if (list.length !== 1 || !isObject(list[0])) {
      say(`\`${field}\` is ${kindOf(v)}, not one block`);
      return;
    }
    checkFields(list[0], fields, field, say);
    for (const r of required.filter((k) => list[0][k] === undefined)) say(`\`${field}\` has no \`${r}\``);
  };
}

/** A list of blocks (or one block) with these fields. */
function blocks(fields: Readonly<Record<string, FieldCheck>>, required: readonly string[] = []): FieldCheck {
  return (v, field, say) => {
    const list = Array.isArray(v) ? v : [v];
    list.forEach((item, i) => {
      if (!isObject(item)) say(`\`${field}[${i}]\` is ${kindOf(item)}, not a block`);
      else {
        checkFields(item, fields, `${field}[${i}]`, say);
        for (const r of required.filter((k) => item[k] === undefined)) say(`\`${field}[${i}]\` has no \`${r}\``);
      }
    });
  };
}

function checkFields(
  body: ResourceBody,
  fields: Readonly<Record<string, FieldCheck>>,
  prefix: string,
  say: Say,
  only: (key: string) => boolean = () => true,
): void {
  for (const key of Object.keys(body)) {
    if (!only(key)) continue;
    const value = body[key];
    const check = fields[key];
    const field = prefix === '' ? key : `${prefix}.${key}`;
    if (check === undefined) say(`field \`${field}\` is not understood; it may change what is granted`);
    else check(value, field, say);
  }
}

const LF_CATALOG = { catalog_id: isText };
const LF_DATABASE = oneBlock({ name: isText, ...LF_CATALOG }, ['name']);
const LF_TABLE = oneBlock({ database_name: isText, name: isText, wildcard: isFlag, ...LF_CATALOG }, ['database_name']);
const LF_TABLE_WITH_COLUMNS = oneBlock(
  { database_name: isText, name: isText, column_names: isTextList, excluded_column_names: isTextList, wildcard: isFlag, ...LF_CATALOG },
  ['database_name', 'name'],
);
/** Default permissions of the data lake settings: only ALL to IAM_ALLOWED_PRINCIPALS (or none). */
const IAM_DEFAULTS: FieldCheck = (v, field, say) => {
  const list = Array.isArray(v) ? v : [v];
  list.forEach((item, i) => {
    if (!isObject(item) || item.principal !== 'IAM_ALLOWED_PRINCIPALS' || JSON.stringify(item.permissions) !== '["ALL"]')
      say(`\`${field}[${i}]\` is not understood; only ALL to IAM_ALLOWED_PRINCIPALS is, and default permissions may grant access`);
  });
};
const LF_EXPRESSION = blocks({ key: isText, values: isTextList }, ['key', 'values']);
const COLUMNS = blocks({ name: isText, type: isText, comment: isText, parameters: isTextMap }, ['name']);

/** The targets of a Lake Formation permission, with the permissions valid on each (shared/AWS-MAPPING.md). */
const PERMISSION_TARGETS: Readonly<Record<string, { check: FieldCheck; permissions: readonly string[] }>> = {
  database: { check: LF_DATABASE, permissions: ['ALTER', 'CREATE_TABLE', 'DESCRIBE', 'DROP'] },
  table: { check: LF_TABLE, permissions: ['ALTER', 'DELETE', 'DESCRIBE', 'DROP', 'INSERT', 'SELECT'] },
  table_with_columns: { check: LF_TABLE_WITH_COLUMNS, permissions: ['SELECT'] },
  data_cells_filter: {
    check: oneBlock({ database_name: isText, table_name: isText, name: isText, table_catalog_id: isText }, [
      'database_name',
      'table_name',
      'name',
    ]),
    permissions: ['DESCRIBE', 'DROP', 'SELECT'],
  },
  data_location: { check: oneBlock({ arn: isText, ...LF_CATALOG }, ['arn']), permissions: ['DATA_LOCATION_ACCESS'] },
  lf_tag_policy: {
    check: oneBlock({ resource_type: isText, expression: LF_EXPRESSION, ...LF_CATALOG }, ['resource_type', 'expression']),
    permissions: ['ALTER', 'CREATE_TABLE', 'DELETE', 'DESCRIBE', 'DROP', 'INSERT', 'SELECT'],
  },
};

/**
 * `aws_lakeformation_permissions`: exactly one understood target, and only the permissions valid
 * on it, named explicitly. `ALL` (every permission, which meshgrant never grants) and `SUPER`
 * are not understood.
 */
const lakeFormationPermissions = (body: ResourceBody, say: Say): void => {
  const targets = Object.keys(body).filter((k) => PERMISSION_TARGETS[k] !== undefined);
  if (targets.length !== 1) {
    say(
      targets.length === 0
        ? 'the permission has no target meshgrant understands'
        : `the permission has ${targets.length} targets (${targets.join(', ')}), not one`,
    );
    return;
  }
  const target = PERMISSION_TARGETS[targets[0]];
  for (const field of ['permissions', 'permissions_with_grant_option']) {
    const list = body[field];
    if (!Array.isArray(list)) continue;
    const unknown = list.filter((p) => typeof p === 'string' && !target.permissions.includes(p));
    if (unknown.length > 0)
      say(
        `\`${field}\` ${unknown.join(', ')} on a ${targets[0]} ${unknown.length === 1 ? 'is' : 'are'} not understood; it may grant any permission`,
      );
  }
  const table = Array.isArray(body.table) ? body.table[0] : body.table;
  if (isObject(table) && table.wildcard === true)
    say('`table.wildcard` also reaches tables the stack does not declare, created later or elsewhere');
  const policy = Array.isArray(body.lf_tag_policy) ? body.lf_tag_policy[0] : body.lf_tag_policy;
  if (isObject(policy)) {
    if (policy.resource_type !== 'TABLE' && policy.resource_type !== 'DATABASE')
      say(`\`lf_tag_policy.resource_type\` ${JSON.stringify(policy.resource_type)} is not understood`);
    const expression = Array.isArray(policy.expression) ? policy.expression : [policy.expression];
    if (expression.length === 0 || expression.some((e) => isObject(e) && Array.isArray(e.values) && e.values.length === 0))
      say('`lf_tag_policy.expression` has an empty condition, which Lake Formation does not accept');
  }
};

/** Per understood type: its fields, and a check of the whole body where fields depend on each other. */
const FIELDS: Readonly<
  Record<
    string,
    { fields: Readonly<Record<string, FieldCheck>>; required: readonly string[]; body?: (body: ResourceBody, say: Say) => void }
  >
> = {
  aws_athena_workgroup: {
    // A workgroup grants no data access; its `execution_role` (Spark) would, and is not understood.
    fields: {
      name: isText,
      description: isText,
      state: isText,
      force_destroy: isFlag,
      tags: isTextMap,
      configuration: oneBlock({
        enforce_workgroup_configuration: isFlag,
        publish_cloudwatch_metrics_enabled: isFlag,
        requester_pays_enabled: isFlag,
        bytes_scanned_cutoff_per_query: anything,
        engine_version: oneBlock({ selected_engine_version: isText }),
        result_configuration: oneBlock({
          output_location: isText,
          expected_bucket_owner: isText,
          encryption_configuration: oneBlock({ encryption_option: isText, kms_key_arn: isText }),
          acl_configuration: oneBlock({ s3_acl_option: isText }),
        }),
      }),
    },
    required: ['name'],
  },
  aws_glue_catalog_database: {
    fields: { name: isText, description: isText, location_uri: isText, parameters: isTextMap, catalog_id: isText, tags: isTextMap },
    required: ['name'],
  },
  aws_glue_catalog_table: {
    fields: {
      name: isText,
      database_name: isText,
      description: isText,
      table_type: isText,
      parameters: isTextMap,
      owner: isText,
      catalog_id: isText,
      retention: anything,
      partition_keys: COLUMNS,
      storage_descriptor: oneBlock({
        columns: COLUMNS,
        location: isText,
        input_format: isText,
        output_format: isText,
        compressed: isFlag,
        ser_de_info: oneBlock({ name: isText, serialization_library: isText, parameters: isTextMap }),
        parameters: isTextMap,
      }),
    },
    required: ['name', 'database_name'],
  },
  aws_iam_role: {
    fields: {
      name: isText,
      path: isText,
      description: isText,
      assume_role_policy: isText,
      max_session_duration: anything,
      tags: isTextMap,
      inline_policy: blocks({ name: isText, policy: isText }, ['policy']),
      managed_policy_arns: isEmpty,
      permissions_boundary: isText,
      force_detach_policies: isFlag,
    },
    required: ['name', 'assume_role_policy'],
  },
  aws_iam_role_policy: { fields: { name: isText, role: isText, policy: isText }, required: ['role', 'policy'] },
  aws_lakeformation_data_cells_filter: {
    fields: {
      table_data: oneBlock(
        {
          database_name: isText,
          table_name: isText,
          name: isText,
          table_catalog_id: isText,
          column_names: isTextList,
          column_wildcard: oneBlock({ excluded_column_names: isTextList }),
          row_filter: oneBlock({ filter_expression: isText, all_rows_wildcard: oneBlock({}) }),
          version_id: isText,
        },
        ['database_name', 'table_name', 'name', 'row_filter'],
      ),
    },
    required: ['table_data'],
  },
  aws_lakeformation_data_lake_settings: {
    // Default permissions are understood only as AWS sets them (ALL to IAM_ALLOWED_PRINCIPALS):
    // the tables they reach stay open to IAM-only access (lib/readback/iam-open.ts).
    fields: {
      admins: isTextList,
      catalog_id: isText,
      create_database_default_permissions: IAM_DEFAULTS,
      create_table_default_permissions: IAM_DEFAULTS,
    },
    required: [],
  },
  aws_lakeformation_opt_in: {
    // An opt-in grants nothing: it makes Lake Formation, not IAM, decide for the principal.
    fields: {
      principal: oneBlock({ data_lake_principal_identifier: isText }, ['data_lake_principal_identifier']),
      resource_data: oneBlock({ database: LF_DATABASE, table: LF_TABLE }),
    },
    required: ['principal', 'resource_data'],
  },
  aws_lakeformation_lf_tag: { fields: { key: isText, values: isTextList, catalog_id: isText }, required: ['key', 'values'] },
  aws_lakeformation_permissions: {
    fields: {
      principal: isText,
      permissions: isTextList,
      permissions_with_grant_option: isTextList,
      catalog_id: isText,
      ...Object.fromEntries(Object.entries(PERMISSION_TARGETS).map(([k, t]) => [k, t.check])),
    },
    required: ['principal', 'permissions'],
    body: lakeFormationPermissions,
  },
  aws_lakeformation_resource: {
    fields: { arn: isText, use_service_linked_role: isFlag, role_arn: isText, hybrid_access_enabled: isFlag, with_federation: isFalse },
    required: ['arn'],
  },
  aws_lakeformation_resource_lf_tags: {
    fields: {
      database: LF_DATABASE,
      table: LF_TABLE,
      table_with_columns: LF_TABLE_WITH_COLUMNS,
      lf_tag: blocks({ key: isText, value: isText, catalog_id: isText }, ['key', 'value']),
      catalog_id: isText,
    },
    required: ['lf_tag'],
    body: (body, say) => {
      const targets = ['database', 'table', 'table_with_columns'].filter((k) => body[k] !== undefined);
      if (targets.length !== 1) say(`the tag assignment has ${targets.length} targets, not one`);
    },
  },
};

/** Terraform interpolation of a role of the stack, the one expression meshgrant writes (`aws_iam_role_policy.role`). */
export const ROLE_REFERENCE = /^\$\{aws_iam_role\.([^.}]+)\.(id|name)\}$/;

/** Meta-arguments that are not understood: they may multiply a resource or move it to another account. */
const UNDERSTOOD_NOT = new Set(['count', 'for_each', 'provider']);

function checkResource(type: string, body: ResourceBody, shape: (typeof FIELDS)[string], say: Say): void {
  for (const key of Object.keys(body)) {
    if (META.has(key) || shape.fields[key] !== undefined) continue;
    if (UNDERSTOOD_NOT.has(key))
      say(`meta-argument \`${key}\` is not understood; it may multiply the resource or move it to another account`);
  }
  // The resource's own fields, meta-arguments aside (checked in place: no copy of every body).
  const own = (key: string) => !META.has(key) && !UNDERSTOOD_NOT.has(key);
  checkFields(body, shape.fields, '', say, own);
  for (const r of shape.required.filter((k) => body[k] === undefined)) say(`\`${r}\` is missing`);
  shape.body?.(body, say);
  const path: (string | number)[] = [];
  for (const key of Object.keys(body).filter(own)) {
    path.push(key);
    findTemplates(body[key], path, (at, s) => {
      const field = at.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
      if (type === 'aws_iam_role_policy' && field === 'role' && ROLE_REFERENCE.test(s)) return;
      say(`\`${field}\` holds a Terraform expression, resolved only at plan time: ${excerpt(s)}`);
    });
    path.pop();
  }
}

/** Every string under `value` that holds a Terraform template, with its path (built only for those). */
function findTemplates(value: unknown, path: (string | number)[], found: (path: readonly (string | number)[], s: string) => void): void {
  if (typeof value === 'string') {
    if (value.includes('{') && hasTemplate(value)) found(path, value);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      path.push(i);
      findTemplates(v, path, found);
      path.pop();
    });
  } else if (isObject(value)) {
    for (const k of Object.keys(value)) {
      path.push(k);
      findTemplates(value[k], path, found);
      path.pop();
    }
  }
}

/** A short, quoted, one-line excerpt of a hostile string (JSON quoting escapes line breaks and terminal escapes). */
function excerpt(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}

/** A value's kind in words, for messages: `null`, `a list`, `text`, ... */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'text';
  return `${typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'a boolean' : typeof v}`;
}

import { ProblemCollector, SpecPath } from '../model/problems';
import { ReadAttributes, addAttributeValues, noAttributes } from './attribute-values';
import { isObject } from '../input/json-object';

/** One user of the YAML form. */
export interface YamlUser {
  readonly name: string;
  readonly groups: readonly string[];
  readonly attributes: ReadAttributes;
  readonly path: SpecPath;
}

const USER_FIELDS = ['name', 'groups', 'attributes'];

/**
 * Reads meshgrant's small directory form, for tests and for directories without SCIM:
 * `users: [{ name, groups: [...], attributes: { department: finance, country: [FR, DE] } }]`.
 * An attribute holds a value or a list of values; numbers and booleans are read as their text,
 * as session tags are.
 */
export function readYamlDirectory(value: unknown, problems: ProblemCollector): YamlUser[] {
  if (!isObject(value) || !Array.isArray(value.users)) {
    problems.add(
      isObject(value) ? ['users'] : [],
      'expected `users:` with a list of users, or a SCIM ListResponse',
      'users: [{ name: jane.doe, groups: [payments-analysts] }]',
    );
    return [];
  }
  for (const key of Object.keys(value).filter((k) => k !== 'users'))
    problems.add([key], `unknown field \`${key}\``, 'a directory file holds `users:` only');
  const out: YamlUser[] = [];
  value.users.forEach((user: unknown, i) => {
    const path = ['users', i];
    if (!isObject(user)) {
      problems.add(path, 'a user must be a mapping with `name`');
      return;
    }
    for (const key of Object.keys(user).filter((k) => !USER_FIELDS.includes(k))) {
      problems.add([...path, key], `unknown field \`${key}\``, `a user has ${USER_FIELDS.map((f) => `\`${f}\``).join(', ')}`);
    }
    const name = user.name;
    if (typeof name !== 'string' || name === '') problems.add([...path, 'name'], '`name` must be a non-empty string');
    const groups = readGroups(user.groups, [...path, 'groups'], problems);
    const attributes = readAttributes(user.attributes, [...path, 'attributes'], problems);
    if (typeof name === 'string' && name !== '') out.push({ name, groups, attributes, path });
  });
  return out;
}

function readGroups(v: unknown, path: SpecPath, problems: ProblemCollector): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    problems.add(path, '`groups` must be a list of group names');
    return [];
  }
  return v.filter((g, i) => {
    if (typeof g === 'string' && g !== '') return true;
    problems.add([...path, i], 'a group name must be a non-empty string');
    return false;
  });
}

function readAttributes(v: unknown, path: SpecPath, problems: ProblemCollector): ReadAttributes {
  const out = noAttributes();
  if (v === undefined) return out;
  if (!isObject(v)) {
    problems.add(path, '`attributes` must be a mapping of attribute name to value or list of values');
    return out;
  }
  for (const [key, value] of Object.entries(v)) addAttributeValues(out, key, value, [...path, key], problems);
  return out;
}

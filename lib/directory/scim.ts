import { isObject } from '../input/json-object';
import { ProblemCollector, SpecPath } from '../model/problems';
import { ReadAttributes, addAttributeValues, noAttributes } from './attribute-values';

/** The SCIM 2.0 schema URNs meshgrant reads (RFC 7643, RFC 7644). */
export const SCIM = {
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
} as const;

/** A SCIM user as far as access is concerned. */
export interface ScimUser {
  readonly id?: string;
  readonly userName: string;
  readonly active: boolean;
  /** Groups listed on the user (`groups[]`): their ids (`value`) and names (`display`). */
  readonly groupIds: readonly string[];
  readonly groupNames: readonly string[];
  readonly attributes: ReadAttributes;
  readonly path: SpecPath;
}

/** A reference from a group to one of its members (a user or a nested group). */
export interface ScimMember {
  readonly value: string;
  readonly path: SpecPath;
}

/** A SCIM group. */
export interface ScimGroup {
  readonly id?: string;
  readonly displayName: string;
  readonly members: readonly ScimMember[];
}

/** The users and groups of one SCIM export. */
export interface ScimResources {
  readonly users: readonly ScimUser[];
  readonly groups: readonly ScimGroup[];
}

/** Core user attributes that identity providers commonly pass on as session tags. */
const CORE_ATTRIBUTES = ['locale', 'preferredLanguage', 'title', 'userType'] as const;
/** Core multi-valued complex attributes (RFC 7643 4.1.2) whose `value`s are facts about the person. */
const CORE_MULTI_VALUED = ['entitlements', 'roles'] as const;

/** A JSON object as parsed, before its fields are checked. */
export type Json = Record<string, unknown>;
/** True for a JSON object (not null, not an array). */

/** True when a parsed file looks like a SCIM export rather than meshgrant's YAML form. */
export function isScimExport(value: unknown): boolean {
  return isObject(value) && ('Resources' in value || 'schemas' in value);
}

/**
 * Reads a SCIM `ListResponse` of users, groups or both (one export file). Every field at fault
 * becomes a problem at its path (`Resources[3].userName`); valid resources are still returned.
 */
export function readScimExport(value: unknown, problems: ProblemCollector): ScimResources {
  const users: ScimUser[] = [];
  const groups: ScimGroup[] = [];
  if (!isObject(value) || !Array.isArray(value.Resources)) {
    problems.add(
      isObject(value) ? ['Resources'] : [],
      'expected a SCIM ListResponse with a `Resources` list',
      `schemas: ["${SCIM.listResponse}"]`,
    );
    return { users, groups };
  }
  value.Resources.forEach((resource: unknown, i) => {
    const path = ['Resources', i];
    if (!isObject(resource)) {
      problems.add(path, 'a SCIM resource must be an object');
      return;
    }
    const schemas = Array.isArray(resource.schemas) ? resource.schemas : [];
    if (schemas.includes(SCIM.user) || (!schemas.includes(SCIM.group) && 'userName' in resource)) {
      const user = readUser(resource, path, problems);
      if (user) users.push(user);
    } else if (schemas.includes(SCIM.group) || 'displayName' in resource) {
      const group = readGroup(resource, path, problems);
      if (group) groups.push(group);
    } else {
      problems.add([...path, 'schemas'], 'neither a SCIM User nor a SCIM Group', `list ${SCIM.user} or ${SCIM.group} in \`schemas\``);
    }
  });
  return { users, groups };
}

function readUser(resource: Json, path: SpecPath, problems: ProblemCollector): ScimUser | undefined {
  const userName = requiredString(resource, 'userName', path, problems);
  const id = optionalString(resource, 'id', path, problems);
  if (resource.active !== undefined && typeof resource.active !== 'boolean') {
    problems.add([...path, 'active'], '`active` must be true or false');
  }
  const groupIds: string[] = [];
  const groupNames: string[] = [];
  forEachObject(resource, 'groups', path, problems, (g, gPath) => {
    const value = optionalString(g, 'value', gPath, problems);
    const display = optionalString(g, 'display', gPath, problems);
    if (value === undefined && display === undefined)
      problems.add(gPath, 'a group reference needs `value` (group id) or `display` (group name)');
    if (value !== undefined) groupIds.push(value);
    if (display !== undefined) groupNames.push(display);
  });
  const attributes = readUserAttributes(resource, path, problems);
  if (userName === undefined) return undefined;
  return { id, userName, active: resource.active !== false, groupIds, groupNames, attributes, path };
}

/**
 * The attributes of a SCIM user: core text attributes, the primary address's `country`, the
 * `value`s of `roles` and `entitlements`, and every text or multi-valued attribute of the
 * enterprise extension and of custom extension schemas (`urn:...:User` objects on the
 * resource). Single complex attributes such as the enterprise `manager` are no facts for
 * attribute rules and are left out.
 */
function readUserAttributes(resource: Json, path: SpecPath, problems: ProblemCollector): ReadAttributes {
  const attributes = noAttributes();
  for (const key of CORE_ATTRIBUTES) {
    if (typeof resource[key] === 'string') addAttributeValues(attributes, key, resource[key], [...path, key], problems);
  }
  const country = primaryCountry(resource);
  if (country !== undefined) addAttributeValues(attributes, 'country', country, [...path, 'addresses'], problems);
  for (const key of CORE_MULTI_VALUED) {
    if (resource[key] !== undefined) addAttributeValues(attributes, key, resource[key], [...path, key], problems);
  }
  const extensions = Object.keys(resource)
    .filter((k) => k.startsWith('urn:') && k !== SCIM.user)
    .sort((a, b) => (a === SCIM.enterpriseUser ? -1 : b === SCIM.enterpriseUser ? 1 : a < b ? -1 : a > b ? 1 : 0));
  for (const urn of extensions) {
    const extension = resource[urn];
    if (!isObject(extension)) {
      problems.add([...path, urn], `the extension ${urn} must be an object`);
      continue;
    }
    for (const key of Object.keys(extension)) {
      if (!isObject(extension[key])) addAttributeValues(attributes, key, extension[key], [...path, urn, key], problems);
    }
  }
  return attributes;
}

/** `addresses[]`: the primary one's country, else the first that has one. */
function primaryCountry(resource: Json): string | undefined {
  if (!Array.isArray(resource.addresses)) return undefined;
  let first: string | undefined;
  for (const a of resource.addresses as unknown[]) {
    if (!isObject(a) || typeof a.country !== 'string') continue;
    if (a.primary === true) return a.country;
    first ??= a.country;
  }
  return first;
}

function readGroup(resource: Json, path: SpecPath, problems: ProblemCollector): ScimGroup | undefined {
  const displayName = requiredString(resource, 'displayName', path, problems);
  const id = optionalString(resource, 'id', path, problems);
  const members: ScimMember[] = [];
  forEachObject(resource, 'members', path, problems, (m, mPath) => {
    const value = requiredString(m, 'value', mPath, problems);
    if (value !== undefined) members.push({ value, path: [...mPath, 'value'] });
  });
  return displayName === undefined ? undefined : { id, displayName, members };
}

function requiredString(o: Json, key: string, path: SpecPath, problems: ProblemCollector): string | undefined {
  if (o[key] === undefined) {
    problems.add(path, `\`${key}\` is missing`);
    return undefined;
  }
  return optionalString(o, key, path, problems);
}

function optionalString(o: Json, key: string, path: SpecPath, problems: ProblemCollector): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') {
    problems.add([...path, key], `\`${key}\` must be a non-empty string`);
    return undefined;
  }
  return v;
}

function forEachObject(
  o: Json,
  key: string,
  path: SpecPath,
  problems: ProblemCollector,
  visit: (item: Json, path: SpecPath) => void,
): void {
  const list = o[key];
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    problems.add([...path, key], `\`${key}\` must be a list`);
    return;
  }
  list.forEach((item: unknown, i) => {
    if (isObject(item)) visit(item, [...path, key, i]);
    else problems.add([...path, key, i], `each of \`${key}\` must be an object`);
  });
}

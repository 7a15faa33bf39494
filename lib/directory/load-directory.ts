import { Attribute } from '../abac/attributes';
import { INPUT_LIMITS, InputFileError, readInputFile } from '../input/read-input-file';
import { Problem, ProblemCollector, SourceLocation, SpecPath } from '../model/problems';
import { locationAt, offsetOf } from '../spec/locator';
import { ParsedFile, parseYamlFile } from '../spec/parse-yaml';
import { ReadAttributes } from './attribute-values';
import { declaredAttributesCheck } from './declared-attributes';
import { DirectoryPerson, DirectorySnapshot } from './directory';
import { DirectoryError } from './errors';
import { ScimGroup, ScimUser, isScimExport, readScimExport } from './scim';
import { readYamlDirectory } from './yaml-directory';

/** The text of one directory file, e.g. read from disk or from a pull request. */
export interface DirectorySource {
  /** Shown in problem locations. */
  readonly path: string;
  readonly text: string;
}

/** How a directory is read. */
export interface DirectoryLoadOptions {
  /**
   * The mesh's declared attributes (`attributes:` in mesh.yaml): people's values are checked
   * against them (see {@link declaredAttributesCheck}) once the files have read without problems.
   * A function is called only then: a command reports a broken directory file before loading the mesh.
   * @default - no check: any attribute, any number of values
   */
  readonly attributes?: ReadonlyMap<string, Attribute> | (() => ReadonlyMap<string, Attribute>);
}

/**
 * Loads a directory snapshot from files (regular files of at most
 * 64 MiB ({@link INPUT_LIMITS}); a symbolic link named here is followed): SCIM 2.0 `Users` and `Groups` exports (JSON
 * `ListResponse`s, in separate files or one) and/or meshgrant's YAML form. Group membership is
 * the union of what users and groups say, nested groups included; inactive SCIM users are left
 * out (they cannot sign in).
 *
 * @example
 * const directory = loadDirectory(['scim/users.json', 'scim/groups.json']);
 * @throws DirectoryError with every problem, each located at file:line:column; nothing else
 */
export function loadDirectory(files: readonly string[], options: DirectoryLoadOptions = {}): DirectorySnapshot {
  const problems: Problem[] = [];
  const sources: DirectorySource[] = [];
  for (const path of files) {
    try {
      sources.push({ path, text: readInputFile(path, { limit: INPUT_LIMITS.directoryFile }) });
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      problems.push({ path: [], message: `the directory file ${e.message}`, location: { file: path, line: 1, column: 1 } });
    }
  }
  return loadDirectorySources(sources, options, problems);
}

/** A SCIM resource with the collector of its file, so later problems point into that file. */
interface Located<T> {
  readonly item: T;
  readonly problems: ProblemCollector;
}

/** A person while the snapshot is read, with the collector of the file that gives their attributes. */
interface ReadPerson {
  readonly groups: Set<string>;
  readonly attributes: ReadAttributes;
  readonly problems: ProblemCollector;
}

/**
 * Loads a directory snapshot from texts already in memory. See {@link loadDirectory}.
 * @param earlier problems already found, reported with the rest
 * @throws DirectoryError with every problem; nothing else
 */
export function loadDirectorySources(
  sources: readonly DirectorySource[],
  options: DirectoryLoadOptions = {},
  earlier: readonly Problem[] = [],
): DirectorySnapshot {
  const found: Problem[] = [...earlier];
  const collectors: ProblemCollector[] = [];
  const people = new Map<string, ReadPerson>();
  const users: Located<ScimUser>[] = [];
  const groups: Located<ScimGroup>[] = [];
  for (const source of sources) {
    const { value, problems: syntax, locate } = parseDirectoryFile(source);
    const collector = new ProblemCollector(locate);
    collectors.push(collector);
    found.push(...syntax);
    if (syntax.length > 0) continue;
    if (isScimExport(value)) {
      // A loop, not push(...list): a spread of a few hundred thousand users overflows the call stack.
      const scim = readScimExport(value, collector);
      for (const item of scim.users) users.push({ item, problems: collector });
      for (const item of scim.groups) groups.push({ item, problems: collector });
      continue;
    }
    for (const user of readYamlDirectory(value, collector)) {
      if (people.has(user.name)) collector.add([...user.path, 'name'], `user \`${user.name}\` appears twice in the directory`);
      else people.set(user.name, { groups: new Set(user.groups), attributes: user.attributes, problems: collector });
    }
  }
  addScimPeople(people, users, groups);
  const read = () => [...found, ...collectors.flatMap((c) => c.problems)];
  if (options.attributes !== undefined && read().length === 0) {
    const check = declaredAttributesCheck(typeof options.attributes === 'function' ? options.attributes() : options.attributes);
    for (const [name, p] of people) check(name, p.attributes, p.problems);
  }
  const problems = read();
  if (problems.length > 0) throw new DirectoryError(problems);
  // The default sort orders strings by UTF-16 code units, as `<` does, without a comparator call per pair.
  return { people: [...people.keys()].sort().map((name) => toPerson(name, people.get(name)!)) };
}

/**
 * One directory file parsed. SCIM exports are JSON, often tens of megabytes: they are read with
 * `JSON.parse`, many times faster than a YAML parser, and parsed as YAML (for file:line:column)
 * only if a problem needs locating. Anything that is not JSON is YAML.
 */
function parseDirectoryFile(source: DirectorySource): { value?: unknown; problems: Problem[]; locate: (path: SpecPath) => SourceLocation } {
  let file: ParsedFile | undefined;
  const locate = (path: SpecPath) => {
    file ??= parseYamlFile(source).file;
    return locationAt(file, '', offsetOf(file, path, 'key'));
  };
  if (/^\s*[[{]/.test(source.text)) {
    try {
      return { value: JSON.parse(source.text) as unknown, problems: [], locate };
    } catch {
      // Not JSON after all (YAML flow style, or broken): the YAML parser says where and why.
    }
  }
  const parsed = parseYamlFile(source);
  file = parsed.file;
  const problems = parsed.problems.map((p) => ({
    path: [],
    message: p.message,
    hint: p.hint,
    location: locationAt(parsed.file, '', p.offset),
  }));
  return { value: parsed.value, problems, locate };
}

/** The person as the snapshot holds them; the value lists read are sorted in place (they are the reader's own). */
function toPerson(name: string, p: ReadPerson): DirectoryPerson {
  const held = p.attributes.values;
  // fromEntries, not assignment: an attribute called `__proto__` stays an attribute.
  const attributes = Object.fromEntries(
    Object.keys(held)
      .sort()
      .map((k) => [k, held[k].length > 1 ? held[k].sort() : held[k]]),
  );
  return { name, groups: [...p.groups].sort(), attributes };
}

/** Resolves SCIM ids (group members, user group references) and nested groups into people. */
function addScimPeople(people: Map<string, ReadPerson>, users: readonly Located<ScimUser>[], groups: readonly Located<ScimGroup>[]): void {
  const groupById = new Map(groups.filter((g) => g.item.id !== undefined).map((g) => [g.item.id!, g.item.displayName]));
  const userById = new Map(users.filter((u) => u.item.id !== undefined).map((u) => [u.item.id!, u.item.userName]));
  const direct = new Map<string, Set<string>>(users.map((u) => [u.item.userName, new Set(u.item.groupNames)]));
  // Nested groups: a group listed as a member of another passes that membership on.
  const parents = new Map<string, Set<string>>();
  const addTo = (m: Map<string, Set<string>>, key: string, value: string) => m.set(key, (m.get(key) ?? new Set()).add(value));

  for (const { item: user, problems } of users) {
    user.groupIds.forEach((id, i) => {
      const name = groupById.get(id);
      if (name !== undefined) addTo(direct, user.userName, name);
      else if (user.groupNames.length === 0)
        problems.add(
          [...user.path, 'groups', i, 'value'],
          `group id \`${id}\` is not in the snapshot`,
          'add the SCIM Groups export, or the group names as `display`',
        );
    });
  }
  for (const { item: group, problems } of groups) {
    for (const member of group.members) {
      const userName = userById.get(member.value);
      const nested = groupById.get(member.value);
      if (userName !== undefined) addTo(direct, userName, group.displayName);
      else if (nested !== undefined) addTo(parents, nested, group.displayName);
      else
        problems.add(
          member.path,
          `member \`${member.value}\` of group \`${group.displayName}\` is no user or group of the snapshot`,
          'add the SCIM Users export of the same moment',
        );
    }
  }
  for (const { item: user, problems } of users) {
    if (!user.active) continue;
    if (people.has(user.userName)) {
      problems.add([...user.path, 'userName'], `user \`${user.userName}\` appears twice in the directory`);
      continue;
    }
    const groups = direct.get(user.userName)!;
    people.set(user.userName, {
      groups: parents.size === 0 ? groups : withAncestors(groups, parents),
      attributes: user.attributes,
      problems,
    });
  }
}

function withAncestors(groups: ReadonlySet<string>, parents: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const all = new Set<string>();
  const pending = [...groups];
  while (pending.length > 0) {
    const g = pending.pop()!;
    if (all.has(g)) continue; // cycles in nested groups end here
    all.add(g);
    pending.push(...(parents.get(g) ?? []));
  }
  return all;
}

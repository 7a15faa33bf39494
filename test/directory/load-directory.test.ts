import { DirectoryError, loadDirectory, loadDirectorySources } from '../../lib/directory';

const fixtures = 'test/fixtures/directory';

/** The problems a directory load reports, one formatted line each. */
function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (e) {
    expect(e).toBeInstanceOf(DirectoryError);
    return (e as DirectoryError).message
      .split('\n')
      .slice(1)
      .map((l) => l.replace(/^ {2}- /, ''));
  }
  throw new Error('expected the load to fail');
}

describe('loadDirectory: SCIM 2.0 exports', () => {
  const directory = loadDirectory([`${fixtures}/users.json`, `${fixtures}/groups.json`]);
  const person = (name: string) => directory.people.find((p) => p.name === name);

  it('reads an export of more users than a function call takes arguments', () => {
    const users = Array.from({ length: 200_000 }, (_, i) => ({ userName: `u${i}` }));
    const text = JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], Resources: users });
    expect(loadDirectorySources([{ path: 'users.json', text }]).people).toHaveLength(200_000);
  });

  it('lists every active user once, sorted by user name', () => {
    expect(directory.people.map((p) => p.name)).toEqual([
      'ahmed.khan',
      'jane.doe',
      'li.wei',
      'maria.lopez',
      'nina.berg',
      'omar.haddad',
      'paul.martin',
      'sofia.rossi',
    ]);
  });

  it('takes membership from both exports and passes nested groups on', () => {
    expect(person('li.wei')!.groups).toEqual(['customer-analysts']);
    expect(person('jane.doe')!.groups).toEqual(['payments-data-eng']);
    expect(person('ahmed.khan')!.groups).toEqual(['fraud-analysts', 'fraud-oncall']);
  });

  it('reads enterprise extension text attributes and the primary address country', () => {
    expect(person('paul.martin')!.attributes).toEqual({ costCenter: ['cc-finance'], country: ['US'], department: ['finance'] });
  });

  it('tolerates cycles of nested groups', () => {
    const group = (id: string, name: string, members: string[]) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      id,
      displayName: name,
      members: members.map((value) => ({ value })),
    });
    const text = JSON.stringify({
      Resources: [
        { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u1', userName: 'x.y' },
        group('a', 'team-a', ['u1', 'b']),
        group('b', 'team-b', ['a']),
      ],
    });
    expect(loadDirectorySources([{ path: 'all.json', text }]).people).toEqual([
      { name: 'x.y', groups: ['team-a', 'team-b'], attributes: {} },
    ]);
  });

  it('reports a person given by two files', () => {
    expect(problemsOf(() => loadDirectory([`${fixtures}/people.yaml`, `${fixtures}/users.json`, `${fixtures}/groups.json`]))).toEqual([
      expect.stringMatching(
        /^test\/fixtures\/directory\/users.json:\d+:\d+: Resources\[0\]\.userName: user `jane.doe` appears twice in the directory$/,
      ),
      expect.stringMatching(/Resources\[4\]\.userName: user `paul.martin` appears twice/),
      expect.stringMatching(/Resources\[5\]\.userName: user `sofia.rossi` appears twice/),
    ]);
  });

  it('reads the groups export alone as a problem: members are user ids', () => {
    expect(problemsOf(() => loadDirectory([`${fixtures}/groups.json`]))[0]).toMatch(
      /^test\/fixtures\/directory\/groups.json:\d+:\d+: Resources\[0\]\.members\[0\]\.value: member `u-0003` of group `fraud-analysts` is no user or group of the snapshot/,
    );
  });
});

describe('loadDirectory: YAML form', () => {
  it('reads users with groups and attributes', () => {
    expect(loadDirectory([`${fixtures}/people.yaml`]).people[0]).toEqual({
      name: 'jane.doe',
      groups: ['payments-data-eng'],
      attributes: { country: ['FR'], department: ['finance'] },
    });
  });

  it('locates unknown fields, wrong types and duplicates at file:line:column', () => {
    const text = ['users:', '  - name: a.b', '    group: [x]', '  - name: a.b', '    attributes: { country: { FR: 1 } }', ''].join('\n');
    expect(problemsOf(() => loadDirectorySources([{ path: 'people.yaml', text }]))).toEqual([
      'people.yaml:3:5: users[0].group: unknown field `group` (a user has `name`, `groups`, `attributes`)',
      'people.yaml:5:19: users[1].attributes.country: attribute `country` must be text or a list of texts, not a mapping (write `country: FR`, or `country: [FR, DE]` for several values)',
      'people.yaml:4:5: users[1].name: user `a.b` appears twice in the directory',
    ]);
  });
});

describe('loadDirectory: bad input never crashes', () => {
  it('reports a missing file', () => {
    expect(problemsOf(() => loadDirectory(['no/such/users.json']))).toEqual([
      'no/such/users.json:1:1: the directory file could not be read: no such file, or a symbolic link to nothing',
    ]);
  });

  it('reports JSON syntax errors with their line', () => {
    expect(
      problemsOf(() => loadDirectorySources([{ path: 'u.json', text: '{\n  "Resources": [\n    { "userName": "x" ,, }\n  ]\n}\n' }]))[0],
    ).toMatch(/^u\.json:3:\d+: YAML syntax/);
  });

  it('names the SCIM field at fault', () => {
    const text = JSON.stringify(
      { Resources: [{ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u1', groups: [{}] }, { id: 'x' }] },
      null,
      2,
    );
    expect(problemsOf(() => loadDirectorySources([{ path: 'users.json', text }]))).toEqual([
      'users.json:3:5: Resources[0]: `userName` is missing',
      'users.json:9:9: Resources[0].groups[0]: a group reference needs `value` (group id) or `display` (group name)',
      'users.json:12:5: Resources[1].schemas: neither a SCIM User nor a SCIM Group (list urn:ietf:params:scim:schemas:core:2.0:User or urn:ietf:params:scim:schemas:core:2.0:Group in `schemas`)',
    ]);
  });

  it('rejects a file that is neither form', () => {
    expect(problemsOf(() => loadDirectorySources([{ path: 'x.yaml', text: 'people: []\n' }]))).toEqual([
      'x.yaml:1:1: users: expected `users:` with a list of users, or a SCIM ListResponse (users: [{ name: jane.doe, groups: [payments-analysts] }])',
    ]);
  });
});

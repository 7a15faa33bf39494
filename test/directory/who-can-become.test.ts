import { buildMesh } from '../../lib';
import { loadDirectory, whoCanBecome } from '../../lib/directory';
import { acmeMeshSpec } from '../../examples/acme-mesh';

const dev = buildMesh(acmeMeshSpec).environment('dev');
const directory = loadDirectory(['test/fixtures/directory/users.json', 'test/fixtures/directory/groups.json']);
const sessions = dev.attributeSessionPrincipals[0];

describe('whoCanBecome', () => {
  it('admits members of mapped groups, mapped users and people matching an attribute rule', () => {
    const result = whoCanBecome(
      {
        principals: [dev.groups.get('payments-analysts')!, dev.users.get('omar.haddad')!],
        attributeRules: [{ principals: [sessions], attributes: { country: ['FR', 'US'], department: ['finance'] } }],
      },
      directory,
      dev,
    );
    expect(result).toEqual({
      people: [
        { person: 'jane.doe', via: ['attributes country=FR|US department=finance'] },
        { person: 'nina.berg', via: ['group payments-analysts'] },
        { person: 'omar.haddad', via: ['user omar.haddad'] },
        { person: 'paul.martin', via: ['attributes country=FR|US department=finance'] },
      ],
      unresolved: [],
    });
  });

  it('reaches people through nested groups', () => {
    const result = whoCanBecome({ principals: [dev.groups.get('fraud-analysts')!], attributeRules: [] }, directory, dev);
    expect(result.people.map((a) => a.person)).toEqual(['ahmed.khan', 'maria.lopez']);
  });

  it('names trusted principals that no directory identity maps to', () => {
    const stranger = 'arn:aws:iam::999999999999:role/someone';
    const result = whoCanBecome(
      {
        principals: [stranger],
        attributeRules: [{ principals: ['arn:aws:iam::999999999999:root'], attributes: { department: ['finance'] } }],
      },
      directory,
      dev,
    );
    expect(result).toEqual({ people: [], unresolved: [stranger, 'arn:aws:iam::999999999999:root'] });
  });

  it('admits everyone through an attribute session principal trusted without condition', () => {
    // What a condition every person meets compiles to (e.g. NOT tagMatchesAttribute on an untagged table).
    const result = whoCanBecome({ principals: [sessions], attributeRules: [] }, directory, dev);
    expect(result.unresolved).toEqual([]);
    expect(result.people.map((a) => a.person)).toEqual(directory.people.map((p) => p.name));
    expect(new Set(result.people.flatMap((a) => a.via))).toEqual(new Set(['any attribute session']));
  });
});

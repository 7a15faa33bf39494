import { Attribute } from '../../lib/abac/attributes';
import { DirectoryError, loadDirectorySources } from '../../lib/directory';

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

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ACME = 'urn:acme:params:scim:schemas:extension:access:2.0:User';

const user = (fields: Record<string, unknown>) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE, ACME],
  id: 'u1',
  userName: 'jay.patel',
  ...fields,
});
const scim = (...users: object[]) => JSON.stringify({ Resources: users }, null, 2);

const declared = new Map<string, Attribute>([
  ['country', { name: 'country', values: ['DE', 'FR', 'US'], hierarchical: false, multiValued: true }],
  ['department', { name: 'department', values: ['Finance', 'Risk'], hierarchical: true, multiValued: false }],
  ['businessLine', { name: 'businessLine', hierarchical: true, multiValued: true }],
]);

describe('directory attributes: several values per person', () => {
  it('reads SCIM core, enterprise and custom extension attributes, multi-valued complex ones included', () => {
    const text = scim(
      user({
        title: 'Analyst',
        addresses: [{ country: 'US' }, { country: 'FR', primary: true }],
        roles: [{ value: 'auditor', primary: true }, { value: 'reviewer' }],
        entitlements: [],
        [ENTERPRISE]: { department: 'Finance.Payables', costCenter: 4711, manager: { value: 'u9' } },
        [ACME]: {
          countries: ['US', 'DE', 'US'],
          businessLine: [{ value: 'Retail.Cards' }, { value: 'Corp', display: 'Corporate' }],
          clearance: null,
        },
      }),
    );
    expect(loadDirectorySources([{ path: 'users.json', text }]).people).toEqual([
      {
        name: 'jay.patel',
        groups: [],
        attributes: {
          businessLine: ['Corp', 'Retail.Cards'],
          costCenter: ['4711'],
          countries: ['DE', 'US'],
          country: ['FR'],
          department: ['Finance.Payables'],
          roles: ['auditor', 'reviewer'],
          title: ['Analyst'],
        },
      },
    ]);
  });

  it('gives an attribute written by two extensions the values of both', () => {
    const text = scim(user({ [ENTERPRISE]: { division: 'Retail' }, [ACME]: { division: ['Corp'] } }));
    expect(loadDirectorySources([{ path: 'users.json', text }]).people[0].attributes).toEqual({ division: ['Corp', 'Retail'] });
  });

  it('reads a list in the YAML form as several values', () => {
    const text = 'users:\n  - name: jay.patel\n    attributes: { country: [US, FR], department: Finance, level: 3 }\n';
    expect(loadDirectorySources([{ path: 'people.yaml', text }]).people[0].attributes).toEqual({
      country: ['FR', 'US'],
      department: ['Finance'],
      level: ['3'],
    });
  });

  it('fails if a value is malformed, naming file, line and field', () => {
    const text = scim(user({ [ACME]: { countries: ['US', ['FR']], businessLine: [{ display: 'Corp' }], scope: true, teams: { a: 1 } } }));
    expect(problemsOf(() => loadDirectorySources([{ path: 'users.json', text }]))).toEqual([
      'users.json:14:11: Resources[0].urn:acme:params:scim:schemas:extension:access:2.0:User.countries[1]: value 2 of attribute `countries` must be text, not a list',
      'users.json:19:11: Resources[0].urn:acme:params:scim:schemas:extension:access:2.0:User.businessLine[0]: value 1 of attribute `businessLine` has no text `value` (write `{ value: FR }`)',
    ]);
    const yaml = 'users:\n  - name: a.b\n    attributes:\n      country: [FR, { x: 1 }]\n      department: { Finance: true }\n';
    expect(problemsOf(() => loadDirectorySources([{ path: 'people.yaml', text: yaml }]))).toEqual([
      'people.yaml:4:21: users[0].attributes.country[1]: value 2 of attribute `country` has no text `value` (write `{ value: FR }`)',
      'people.yaml:5:7: users[0].attributes.department: attribute `department` must be text or a list of texts, not a mapping (write `country: FR`, or `country: [FR, DE]` for several values)',
    ]);
  });
});

describe('directory attributes against the attributes the mesh declares', () => {
  const load = (yaml: string) => () => loadDirectorySources([{ path: 'people.yaml', text: yaml }], { attributes: declared });

  it('accepts declared values, values below a declared hierarchical one, and undeclared facts nobody uses', () => {
    const people = load(
      'users:\n  - name: a.b\n    attributes: { country: [FR, US], department: Finance.Payables, businessLine: [Retail.Cards], title: Analyst }\n',
    )();
    expect(people.people[0].attributes.country).toEqual(['FR', 'US']);
  });

  it('fails if a value is not declared, a single-valued attribute holds several, or a name is a typo, with did-you-mean', () => {
    const yaml = [
      'users:',
      '  - name: a.b',
      '    attributes:',
      '      country: [FR, Fr]',
      '      department: [Finance, Risk]',
      '      departement: Finance',
      '      businessLine: [Retail:Cards, "Retail..Cards"]',
      '',
    ].join('\n');
    expect(problemsOf(load(yaml))).toEqual([
      'people.yaml:7:7: users[0].attributes.businessLine: user `a.b`, attribute `businessLine`: `Retail:Cards` holds `:`, the separator of multi-valued session tags',
      'people.yaml:7:7: users[0].attributes.businessLine: user `a.b`, attribute `businessLine`: `Retail..Cards` has an empty segment (write segments joined by single dots)',
      'people.yaml:4:7: users[0].attributes.country: user `a.b` holds `Fr`, which is not a declared value of attribute `country` (did you mean `FR`?)',
      'people.yaml:6:7: users[0].attributes.departement: user `a.b`: attribute `departement` is not declared in mesh.yaml (did you mean `department`?)',
      'people.yaml:5:7: users[0].attributes.department: user `a.b` holds 2 values of attribute `department`, which is not multi-valued (keep one value, or declare `multiValued: true` for `department` in mesh.yaml)',
    ]);
  });

  it('reports the same faulty value and the same misspelt name for each person who holds it', () => {
    const person = (name: string) =>
      `  - name: ${name}\n    attributes: { country: Fr, departement: Finance, businessLine: "Retail..Cards" }\n`;
    const problems = problemsOf(load(`users:\n${person('a.b')}${person('c.d')}`));
    for (const who of ['a.b', 'c.d'])
      expect(problems.filter((p) => p.includes(`user \`${who}\``)).map((p) => p.split(`user \`${who}\``)[1])).toEqual([
        ', attribute `businessLine`: `Retail..Cards` has an empty segment (write segments joined by single dots)',
        ' holds `Fr`, which is not a declared value of attribute `country` (did you mean `FR`?)',
        ': attribute `departement` is not declared in mesh.yaml (did you mean `department`?)',
      ]);
  });

  it('checks SCIM users at their field in the export', () => {
    const text = scim(user({ [ENTERPRISE]: { department: 'risk' } }));
    expect(problemsOf(() => loadDirectorySources([{ path: 'users.json', text }], { attributes: declared }))).toEqual([
      'users.json:12:9: Resources[0].urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.department: user `jay.patel` holds `risk`, which is not a declared value of attribute `department` (did you mean `Risk`?)',
    ]);
  });
});

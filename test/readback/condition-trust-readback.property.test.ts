import * as fc from 'fast-check';
import { Condition, conditionHolds } from '../../lib/abac/condition';
import { conditionTrust } from '../../lib/aws/condition-trust';
import { DirectoryPerson, DirectorySnapshot } from '../../lib/directory/directory';
import { IdentityMapping } from '../../lib/directory/directory-trust';
import { whoCanBecome } from '../../lib/directory/who-can-become';
import { trustedMembers } from '../../lib/readback/trust';
import { ENCODINGS, TABLE_TAGS, VALUES, condition } from '../abac/condition-arbitrary';

/**
 * Readback reads the trust policies the ABAC compiler writes as the model means them, person by
 * person: for random conditions (flat, hierarchical and multi-valued attributes, groups, users,
 * tag matching, NOT, AND, OR) compiled by lib/aws/condition-trust.ts, the people readback says can
 * assume the role (lib/readback/trust.ts read from the JSON, then lib/directory's per-person
 * evaluation of the session tags the identity provider sets) are exactly those for whom
 * lib/abac's conditionHolds is true. Readback never sees the condition.
 */
const ACCOUNT = '111111111111';
const ROLE = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const SESSIONS = ROLE('AWSReservedSSO_Everyone_1');
const GROUP_ROLES: Record<string, string> = { g1: ROLE('AWSReservedSSO_Group1_2'), g2: ROLE('AWSReservedSSO_Group2_3') };
const USER_ROLES: Record<string, string> = { u1: ROLE('AWSReservedSSO_User1_4') };
const MULTI_VALUED = Object.keys(ENCODINGS).filter((a) => ENCODINGS[a].multiValued);

const identity: IdentityMapping = {
  groups: new Map(Object.entries(GROUP_ROLES)),
  users: new Map(Object.entries(USER_ROLES)),
  attributeSessionPrincipals: [SESSIONS],
  multiValuedAttributes: MULTI_VALUED,
};

const optionalOne = (values: string[]) =>
  fc.option(fc.constantFrom(...values), { nil: undefined }).map((v) => (v === undefined ? [] : [v]));
const person = (name: string): fc.Arbitrary<DirectoryPerson> =>
  fc
    .record({
      // Several identity principals per person: conditions a session cannot prove are refused (below).
      groups: fc.constantFrom([], ['g1'], ['g2'], ['other'], ['g1', 'other'], ['g1', 'g2']),
      dept: optionalOne([...VALUES.dept, 'Fin.Pay.Us']),
      level: optionalOne(VALUES.level),
      country: fc.subarray(VALUES.country),
      line: fc.subarray([...VALUES.line, 'Retail.Cards.Gold']),
    })
    .map(({ groups, ...held }) => ({
      name,
      groups,
      attributes: Object.fromEntries(
        Object.entries(held)
          .filter(([, v]) => v.length > 0)
          .map(([k, v]) => [k, [...v].sort()]),
      ),
    }));
const directory: fc.Arbitrary<DirectorySnapshot> = fc
  .tuple(person('p1'), person('p2'), person('p3'), person('p4'), person('u1'))
  .map((people) => ({ people }));

/** The compiled trust policy document, or undefined when the compiler refuses the condition. */
function compiled(c: Condition): object | undefined {
  const trust = conditionTrust(
    c,
    (a) => ENCODINGS[a],
    { sessions: [SESSIONS], group: (g) => GROUP_ROLES[g], user: (u) => USER_ROLES[u] },
    TABLE_TAGS,
  );
  if ('refused' in trust) return undefined;
  const statements =
    trust.statements.length > 0 ? trust.statements : [{ Effect: 'Deny', Principal: { AWS: ROLE('nobody') }, Action: 'sts:AssumeRole' }];
  return JSON.parse(JSON.stringify({ Version: '2012-10-17', Statement: statements })) as object;
}

/** Who readback says can assume a role with this trust policy. */
function readBack(document: object, people: DirectorySnapshot, mapping: IdentityMapping = identity): string[] {
  const notUnderstood: string[] = [];
  const members = trustedMembers(document, (what) => notUnderstood.push(what));
  expect(notUnderstood).toEqual([]);
  return whoCanBecome(members, people, mapping).people.map((p) => p.person);
}

function modelAdmits(c: Condition, people: DirectorySnapshot): string[] {
  return people.people
    .filter((p) =>
      conditionHolds(c, {
        user: p.name,
        groups: new Set(p.groups),
        attributes: p.attributes,
        tableTags: TABLE_TAGS,
        hierarchical: (a) => ENCODINGS[a].hierarchical,
      }),
    )
    .map((p) => p.name);
}

/** The property, with readback's inputs open to mutation to show it can fail. */
const sameDecisions = (mutate: { document?: (d: object) => object; mapping?: IdentityMapping } = {}) =>
  fc.property(condition, directory, (c, people) => {
    const document = compiled(c);
    if (document === undefined) return true;
    const read = readBack(mutate.document ? mutate.document(document) : document, people, mutate.mapping);
    expect(read).toEqual(modelAdmits(c, people));
    return true;
  });

describe('readback of attribute-based trust policies, per person', () => {
  it('admits exactly the people the model admits', () => {
    let compiledCount = 0;
    fc.assert(
      fc.property(condition, (c) => {
        if (compiled(c) !== undefined) compiledCount++;
      }),
      { numRuns: 300, seed: 20261201 },
    );
    expect(compiledCount).toBeGreaterThan(100);
    fc.assert(sameDecisions(), { numRuns: 400, seed: 20261201 });
  });

  it('can fail: a readback that forgets the multi-valued encoding, or an operator flipped in the JSON, is caught', () => {
    const withoutEncoding = fc.check(sameDecisions({ mapping: { ...identity, multiValuedAttributes: [] } }), { numRuns: 400, seed: 1 });
    expect(withoutEncoding.failed).toBe(true);
    const flip = (d: object) => JSON.parse(JSON.stringify(d).replace(/"StringNotLike"/g, '"StringLike"')) as object;
    expect(fc.check(sameDecisions({ document: flip }), { numRuns: 400, seed: 1 }).failed).toBe(true);
  });

  // Where a session cannot stand for the person: refused, never compiled weaker or narrower
  // (docs/decisions.md, "Group and user conditions a trust policy can enforce").
  const refusal = (c: Condition) => {
    const trust = conditionTrust(
      c,
      (a) => ENCODINGS[a],
      { sessions: [SESSIONS], group: (g) => GROUP_ROLES[g], user: (u) => USER_ROLES[u] },
      TABLE_TAGS,
    );
    return 'refused' in trust ? trust.refused : undefined;
  };
  const group = (...anyOf: string[]): Condition => ({ kind: 'group', anyOf });

  it("refuses a negated group: excluding the group's role would still admit its members through their attribute session", () => {
    const notG1: Condition = {
      kind: 'all',
      conditions: [
        { kind: 'not', condition: group('g1') },
        { kind: 'attribute', attribute: 'level', anyOf: ['a'] },
      ],
    };
    expect(refusal(notG1)).toMatch(/^NOT group in \(g1\) cannot be enforced: IAM sees the one principal a session is/);
    expect(refusal({ kind: 'not', condition: { kind: 'user', anyOf: ['u1'] } })).toMatch(/^NOT user in \(u1\) cannot be enforced/);
  });

  it('refuses a user AND a group, and two group lists neither within the other: no session proves both memberships', () => {
    expect(refusal({ kind: 'all', conditions: [{ kind: 'user', anyOf: ['u1'] }, group('g1')] })).toMatch(
      /^user in \(u1\) AND group in \(g1\) cannot be enforced: a session is the user's role or a group's role, never both/,
    );
    expect(refusal({ kind: 'all', conditions: [group('g1'), group('g2')] })).toMatch(
      /^group in \(g1\) AND group in \(g2\) cannot be enforced/,
    );
  });

  it('compiles group lists one of which lies within the other to the smaller, exactly', () => {
    const nested: Condition = { kind: 'all', conditions: [group('g1', 'g2'), group('g1')] };
    const people: DirectorySnapshot = {
      people: [
        { name: 'p1', groups: ['g1'], attributes: {} },
        { name: 'p2', groups: ['g2'], attributes: {} },
      ],
    };
    expect(readBack(compiled(nested)!, people)).toEqual(modelAdmits(nested, people));
    expect(modelAdmits(nested, people)).toEqual(['p1']);
  });
});

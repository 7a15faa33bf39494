import fc from 'fast-check';
import { DirectoryPerson, DirectorySnapshot } from '../../lib/directory/directory';
import { IdentityMapping, readTrust } from '../../lib/directory/directory-trust';
import { waysIn, whoCanBecome } from '../../lib/directory/who-can-become';
import { SessionRule, TagTest, TrustedMembers } from '../../lib/readback/effective-access';

/**
 * `whoCanBecome` resolves people once per signature (mapped groups, mapped user, the values of
 * the session tags rules test), with groups and tag values indexed. Per-person evaluation
 * (`waysIn`: the person's own session tags against every rule) is the oracle: on generated
 * directories with single-valued, multi-valued and hierarchical attributes (and attribute names
 * differing only in case), and generated trusts, both admit the same people the same ways.
 */

const GROUPS = ['analysts', 'engineers', 'owners', 'auditors', 'unmapped'];
const USERS = ['ann', 'bob', 'cy', 'dee', 'eve', 'fay', 'gus', 'hal'];
const DEPARTMENTS = ['finance', 'risk', 'Finance', 'ops'];
const COUNTRIES = ['FR', 'DE', 'US'];
const REGIONS = ['emea', 'emea/fr', 'emea/fr/paris', 'emea/de', 'amer/us'];
const arn = (kind: string, name: string) => `arn:aws:iam::111111111111:role/${kind}/${name}`;
const SESSIONS = arn('sessions', 'attributes');

const identity: IdentityMapping = {
  groups: new Map(GROUPS.filter((g) => g !== 'unmapped').map((g) => [g, arn('groups', g)])),
  users: new Map(['ann', 'cy', 'gus'].map((u) => [u, arn('users', u)])),
  attributeSessionPrincipals: [SESSIONS],
  multiValuedAttributes: ['country'],
};

const sortedSubset = <T>(xs: readonly T[], max = xs.length) => fc.subarray([...xs], { maxLength: max }).map((s) => [...s].sort());

const person = (name: string): fc.Arbitrary<DirectoryPerson> =>
  fc
    .record({
      groups: sortedSubset(GROUPS, 3),
      department: fc.option(fc.constantFrom(...DEPARTMENTS), { nil: undefined }),
      // A second spelling of the same tag key: the session carries the first only.
      Department: fc.option(fc.constantFrom(...DEPARTMENTS), { nil: undefined }),
      country: sortedSubset(COUNTRIES),
      region: fc.option(fc.constantFrom(...REGIONS), { nil: undefined }),
    })
    .map(({ groups, department, Department, country, region }) => {
      const attributes: Record<string, string[]> = {};
      if (Department !== undefined) attributes.Department = [Department];
      if (country.length > 0) attributes.country = country;
      if (department !== undefined) attributes.department = [department];
      if (region !== undefined) attributes.region = [region];
      return { name, groups, attributes };
    });

/** 1-8 people, everyone a user of USERS, some of them twins in every respect but the name. */
const directory: fc.Arbitrary<DirectorySnapshot> = fc
  .tuple(...USERS.map(person), fc.integer({ min: 1, max: USERS.length }), fc.array(fc.nat(USERS.length - 1), { maxLength: 4 }))
  .map(([...rest]) => {
    const twins = rest.pop() as number[];
    const count = rest.pop() as number;
    const people = (rest as DirectoryPerson[]).slice(0, count);
    for (const t of twins) if (t + 1 < people.length) people[t + 1] = { ...people[t], name: people[t + 1].name };
    return { people };
  });

const tagTest: fc.Arbitrary<TagTest> = fc.oneof(
  fc.record({
    operator: fc.constantFrom('StringLike' as const, 'StringNotLike' as const),
    attribute: fc.constantFrom('region', 'Region'),
    values: sortedSubset(['emea/*', 'emea/fr*', 'amer/*', '*'], 2).filter((v) => v.length > 0),
  }),
  fc.record({
    operator: fc.constantFrom('StringLike' as const, 'StringNotLike' as const),
    attribute: fc.constant('country'),
    values: sortedSubset(['*:FR:*', '*:DE:*', ':US:'], 2).filter((v) => v.length > 0),
  }),
  fc.record({
    operator: fc.constant('StringNotEquals' as const),
    attribute: fc.constantFrom('department', 'DEPARTMENT'),
    values: sortedSubset(DEPARTMENTS, 2).filter((v) => v.length > 0),
  }),
);

/** Half the time absent: rules test one or two keys more often than all three. */
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof(fc.constant(undefined), a);

const rule: fc.Arbitrary<SessionRule> = fc
  .record({
    principals: sortedSubset([SESSIONS, arn('groups', 'analysts'), arn('users', 'ann'), arn('groups', 'elsewhere')], 2).filter(
      (p) => p.length > 0,
    ),
    department: maybe(sortedSubset(DEPARTMENTS, 2)),
    country: maybe(sortedSubset([...COUNTRIES, ':FR:'], 2)),
    region: maybe(sortedSubset(REGIONS, 2)),
    tagTests: fc.array(tagTest, { maxLength: 1 }),
  })
  .map(({ principals, department, country, region, tagTests }) => {
    const attributes: Record<string, string[]> = {};
    if (department !== undefined) attributes.Department = department;
    if (country !== undefined) attributes.country = country;
    if (region !== undefined) attributes.region = region;
    return { principals, attributes, ...(tagTests.length > 0 ? { tagTests } : {}) };
  });

const members: fc.Arbitrary<TrustedMembers> = fc.record({
  principals: sortedSubset([...GROUPS.map((g) => arn('groups', g)), ...USERS.map((u) => arn('users', u))], 3),
  attributeRules: fc.array(rule, { maxLength: 3 }),
});

describe('whoCanBecome by signature', () => {
  it('admits exactly the people per-person evaluation admits, each the same ways', () => {
    fc.assert(
      fc.property(directory, fc.array(members, { minLength: 1, maxLength: 4 }), (snapshot, trusts) => {
        for (const m of trusts) {
          const trust = readTrust(m, identity);
          const oracle = snapshot.people
            .map((p) => ({ person: p.name, via: waysIn(p, trust, identity) }))
            .filter((a) => a.via.length > 0)
            .sort((a, b) => (a.person < b.person ? -1 : 1));
          expect(whoCanBecome(m, snapshot, identity)).toEqual({ people: oracle, unresolved: trust.unresolved });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('admits someone in the generated cases: the property is not met by nobody being admitted', () => {
    const admitted = fc
      .sample(fc.tuple(directory, members), { numRuns: 200, seed: 7 })
      .filter(([snapshot, m]) => whoCanBecome(m, snapshot, identity).people.some((a) => a.via.some((w) => w.startsWith('attributes'))));
    expect(admitted.length).toBeGreaterThan(20);
  });
});

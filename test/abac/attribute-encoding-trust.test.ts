import type { Attribute } from '../../lib/abac/attributes';
import { Condition, conditionHolds } from '../../lib/abac/condition';
import { conditionTrust } from '../../lib/aws/condition-trust';
import { trustPolicy } from '../../lib/aws/trust-policy';
import type { DirectorySnapshot } from '../../lib/directory/directory';
import { IdentityMapping } from '../../lib/directory/directory-trust';
import { whoCanBecome } from '../../lib/directory/who-can-become';
import { buildMesh } from '../../lib';
import { normalizeMembers } from '../../lib/model/members';
import { trustedMembers } from '../../lib/readback/trust';
import { exampleSpec } from '../helpers/synth';

/**
 * Trust policies follow how each declared attribute travels in a session tag, person by person
 * (read back with lib/readback/trust.ts and lib/directory's evaluation of session tags).
 */
const env = buildMesh(exampleSpec()).environment('dev');
const attributes: Attribute[] = [
  { name: 'department', values: ['Finance', 'Finance.Payables', 'Risk'], hierarchical: true, multiValued: false },
  { name: 'country', values: ['DE', 'FR', 'US'], hierarchical: false, multiValued: true },
];
const identity: IdentityMapping = { ...env, multiValuedAttributes: ['country'] };
const people: DirectorySnapshot = {
  people: [
    { name: 'ana', groups: [], attributes: { country: ['DE', 'FR'], department: ['Finance.Payables'] } },
    { name: 'ben', groups: [], attributes: { country: ['FR'], department: ['Finance'] } },
    { name: 'eve', groups: [], attributes: { country: ['US'], department: ['Risk'] } },
  ],
};
const admitted = (policy: object) => whoCanBecome(trustedMembers(policy), people, identity).people.map((p) => p.person);

describe('member rules follow the declared attribute', () => {
  it('a rule on a multi-valued attribute admits a person holding that value among others', () => {
    const members = normalizeMembers({ attributes: [{ country: 'FR' }] });
    expect(admitted(trustPolicy(members, env, attributes))).toEqual(['ana', 'ben']);
    // As the role trust was written before: StringEquals on `:DE:FR:` admits nobody holding several values.
    expect(admitted(trustPolicy(members, env))).toEqual([]);
  });

  it('a rule on a hierarchical attribute admits the values below its value', () => {
    const members = normalizeMembers({ attributes: [{ department: 'Finance' }] });
    expect(admitted(trustPolicy(members, env, attributes))).toEqual(['ana', 'ben']);
  });
});

describe('two tests on one attribute that must hold together', () => {
  const trust = (c: Condition, segment: Record<string, string> = {}) => {
    const compiled = conditionTrust(
      c,
      (a) => attributes.find((x) => x.name === a)!,
      { sessions: [...env.attributeSessionPrincipals], group: () => undefined, user: () => undefined },
      [],
      segment,
    );
    if ('refused' in compiled) return compiled.refused;
    return admitted({ Version: '2012-10-17', Statement: compiled.statements });
  };
  const model = (c: Condition, segment: Record<string, string> = {}) =>
    people.people
      .filter(
        (p) =>
          conditionHolds(c, {
            user: p.name,
            groups: new Set(),
            attributes: p.attributes,
            tableTags: [],
            hierarchical: (a) => a === 'department',
          }) && Object.entries(segment).every(([a, v]) => (p.attributes[a] ?? []).includes(v)),
      )
      .map((p) => p.name);
  const department = (...anyOf: string[]): Condition => ({ kind: 'attribute', attribute: 'department', anyOf });

  it('on a single value, compile to what both admit (a hierarchical segment within the condition included)', () => {
    const c: Condition = { kind: 'all', conditions: [department('Finance', 'Risk'), department('Finance.Payables', 'Risk')] };
    expect(trust(c)).toEqual(model(c));
    expect(trust(c)).toEqual(['ana', 'eve']);
    expect(trust(department('Finance'), { department: 'Finance.Payables' })).toEqual(['ana']);
    expect(trust(department('Finance'), { department: 'Finance' })).toEqual(model(department('Finance'), { department: 'Finance' }));
  });

  it('on a multi-valued attribute, compile when one implies the other, and are refused otherwise', () => {
    const country = (v: string): Condition => ({ kind: 'attribute', attribute: 'country', anyOf: [v] });
    expect(trust(country('FR'), { country: 'FR' })).toEqual(['ana', 'ben']);
    expect(trust(country('DE'), { country: 'FR' })).toMatch(/^two values of multi-valued attribute `country` must be held together/);
  });
});

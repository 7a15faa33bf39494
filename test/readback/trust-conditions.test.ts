import { trustedMembers } from '../../lib/readback/trust';
import { likeMatches } from '../../lib/readback/tag-tests';

const SESSIONS = 'arn:aws:iam::111111111111:role/AWSReservedSSO_Everyone_1';
const CONTRACTORS = 'arn:aws:iam::111111111111:role/AWSReservedSSO_Contractors_2';
const policy = (Condition: object) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Attributes1',
      Effect: 'Allow',
      Principal: { AWS: [SESSIONS, CONTRACTORS] },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition,
    },
  ],
});
const read = (Condition: object) => {
  const notUnderstood: string[] = [];
  const members = trustedMembers(policy(Condition), (w) => notUnderstood.push(w));
  return { members, notUnderstood };
};

describe('trust conditions readback interprets', () => {
  it('reads tag tests and subtracts principals excluded by exact ARN', () => {
    expect(
      read({
        StringLike: { 'aws:PrincipalTag/country': ['*:FR:*'], 'aws:PrincipalTag/department': ['Finance', 'Finance.*'] },
        StringNotLike: { 'aws:PrincipalTag/line': ['*:Corp:*'] },
        StringEquals: { 'aws:PrincipalTag/level': 'a' },
        ArnNotEquals: { 'aws:PrincipalArn': [CONTRACTORS] },
      }),
    ).toEqual({
      members: {
        principals: [],
        attributeRules: [
          {
            principals: [SESSIONS],
            attributes: { level: ['a'] },
            tagTests: [
              { operator: 'StringLike', attribute: 'country', values: ['*:FR:*'] },
              { operator: 'StringLike', attribute: 'department', values: ['Finance', 'Finance.*'] },
              { operator: 'StringNotLike', attribute: 'line', values: ['*:Corp:*'] },
            ],
          },
        ],
      },
      notUnderstood: [],
    });
  });

  it.each([
    ['an IfExists operator, which passes when the tag is absent', { StringLikeIfExists: { 'aws:PrincipalTag/country': '*:FR:*' } }],
    ['a set operator', { 'ForAnyValue:StringLike': { 'aws:PrincipalTag/country': '*:FR:*' } }],
    ['a key other than principal tags', { StringLike: { 'aws:RequestTag/country': '*' } }],
    ['a wildcard in an excluded ARN', { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/*' } }],
    ['ArnLike', { ArnLike: { 'aws:PrincipalArn': SESSIONS } }],
    ['an empty list of values', { StringLike: { 'aws:PrincipalTag/country': [] } }],
    ['a value that is not text', { StringEquals: { 'aws:PrincipalTag/level': 1 } }],
  ])('fails closed on %s', (_what, condition) => {
    const { members, notUnderstood } = read(condition);
    expect(members).toEqual({ principals: [], attributeRules: [] });
    expect(notUnderstood).toEqual([expect.stringMatching(/has a condition meshgrant does not interpret/)]);
  });
});

describe("IAM's StringLike", () => {
  it.each([
    ['*:FR:*', ':US:FR:', true],
    ['*:FR:*', ':US:FRA:', false],
    ['*:FR:*', 'FR', false],
    ['Finance.*', 'Finance.Payables', true],
    ['Finance.*', 'Finance', false],
    ['Finance.*', 'FinanceOps', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['*', '', true],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'aXbYbZ', false],
  ])('%s against %s: %s', (pattern, value, matches) => {
    expect(likeMatches(pattern, value)).toBe(matches);
  });
});

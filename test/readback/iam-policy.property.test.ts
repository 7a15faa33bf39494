import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { deniedActions, requiredActions } from '../../lib/readback/iam-access';
import { evaluateIdentityPolicies, readIdentityPolicy } from '../../lib/readback/iam-policy';

const ACCOUNT = '111122223333';
const glue = `arn:aws:glue:eu-west-1:${ACCOUNT}`;

/** What readback asks IAM about: the requests of a query on one of two tables. */
const requests = [...requiredActions('eu-west-1', ACCOUNT, 'sales', 'orders'), ...requiredActions('eu-west-1', ACCOUNT, 'hr', 'salaries')];

/** Action and resource patterns around those requests: exact, wildcards in and across parts, other services and accounts. */
const actionArb = fc.constantFrom(
  'glue:GetTable',
  'glue:gettable',
  'glue:Get*',
  'glue:GetT?ble',
  'glue:*',
  '*',
  'lakeformation:GetDataAccess',
  'lakeformation:*',
  'lakeformation:Get*',
  's3:GetObject',
  'glue:GetDatabase',
);
const resourceArb = fc.constantFrom(
  '*',
  `${glue}:catalog`,
  `${glue}:database/sales`,
  `${glue}:database/*`,
  `${glue}:table/sales/orders`,
  `${glue}:table/sales/*`,
  `${glue}:table/*/orders`,
  `${glue}:table/hr/salar?es`,
  `arn:aws:glue:*:${ACCOUNT}:*`,
  'arn:aws:glue:eu-west-1:999999999999:*',
  `arn:aws:glue:eu-west-1:${ACCOUNT}:TABLE/sales/orders`,
  `arn:aws:s3:::bucket/*`,
);
const listOrOne = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 3 }));
const statementArb = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Action: listOrOne(actionArb),
  Resource: listOrOne(resourceArb),
});
const policyArb = fc.record({ Version: fc.constant('2012-10-17'), Statement: fc.array(statementArb, { minLength: 1, maxLength: 4 }) });

describe('the IAM evaluation of identity policies', () => {
  it('agrees with @cloud-copilot/iam-simulate on generated policies in the shapes it evaluates', () => {
    fc.assert(
      fc.property(fc.array(policyArb, { minLength: 1, maxLength: 2 }), (policies) => {
        const statements = policies.flatMap((p) => readIdentityPolicy(p)!);
        const denied: string[] = [];
        for (const { action, resource } of requests) {
          const oracle = runUnsafeSimulation(
            {
              request: {
                principal: `arn:aws:iam::${ACCOUNT}:role/reader`,
                action,
                resource: { resource, accountId: ACCOUNT },
                contextVariables: {},
              },
              identityPolicies: policies.map((policy, i) => ({ name: `p${i}`, policy })),
              serviceControlPolicies: [],
              resourceControlPolicies: [],
            },
            {},
          );
          expect([action, resource, evaluateIdentityPolicies(statements, action, resource)]).toEqual([action, resource, oracle]);
          if (oracle !== 'Allowed') denied.push(`${action} on ${resource}`);
        }
        // What readback asks per table: the statements of each action only, decisions kept per role.
        expect(deniedActions({ statements, byAction: new Map(), decisions: new Map() }, requests)).toEqual(denied);
      }),
      { numRuns: 300 },
    );
  });

  it('does not evaluate other shapes: NotAction, NotResource, Principal, policy variables, short ARNs, no statement', () => {
    const statement = { Effect: 'Allow', Action: 'glue:GetTable', Resource: '*' };
    for (const other of [
      { Effect: 'Allow', NotAction: 'glue:DeleteTable', Resource: '*' },
      { Effect: 'Allow', Action: 'glue:GetTable', NotResource: `${glue}:table/hr/*` },
      { ...statement, Principal: '*' },
      { ...statement, Resource: `${glue}:table/\${aws:username}/*` },
      { ...statement, Resource: 'arn:aws:glue:eu-west-1' },
      { ...statement, Effect: 'Maybe' },
      { ...statement, Condition: 'yes' },
    ]) {
      expect([other, readIdentityPolicy({ Version: '2012-10-17', Statement: [statement, other] })]).toEqual([other, undefined]);
    }
    expect(readIdentityPolicy('{"Statement":[]}')).toBeUndefined();
    expect(readIdentityPolicy({ Version: '2012-10-17', Statement: [] })).toEqual([]);
  });

  it('fails closed: a role whose policies it cannot read is taken as denied nothing', () => {
    expect(deniedActions(undefined, requests)).toEqual([]);
    const denyAll = {
      statements: readIdentityPolicy({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] })!,
      byAction: new Map(),
      decisions: new Map(),
    };
    expect(deniedActions(denyAll, requests)).toHaveLength(requests.length);
  });
});

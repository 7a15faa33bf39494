import * as fc from 'fast-check';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { Condition, conditionHolds } from '../../lib/abac/condition';
import { conditionTrust } from '../../lib/aws/condition-trust';
import { ENCODINGS, TABLE_TAGS, VALUES, condition } from '../abac/condition-arbitrary';

/**
 * The compiled trust policy admits exactly the sessions the condition admits: for random
 * conditions (attributes flat, hierarchical and multi-valued, groups, users, tag matching, NOT,
 * AND, OR) and random sessions, IAM's decision (simulated by @cloud-copilot/iam-simulate) equals
 * the model's. Conditions the compiler refuses are skipped: they never deploy.
 */
const ACCOUNT = '111111111111';
const ROLE = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const SESSION_ROLES = {
  sso: ROLE('AWSReservedSSO_Everyone_1'),
  g1: ROLE('AWSReservedSSO_Group1_2'),
  g2: ROLE('AWSReservedSSO_Group2_3'),
  u1: ROLE('AWSReservedSSO_User1_4'),
};
const GROUPS: Record<string, string> = { g1: SESSION_ROLES.g1, g2: SESSION_ROLES.g2 };
const USERS: Record<string, string> = { u1: SESSION_ROLES.u1 };

interface Session {
  readonly from: keyof typeof SESSION_ROLES;
  readonly dept?: string;
  readonly country: string[];
  readonly line: string[];
  readonly level?: string;
}

const session: fc.Arbitrary<Session> = fc.record({
  from: fc.constantFrom(...Object.keys(SESSION_ROLES)) as fc.Arbitrary<keyof typeof SESSION_ROLES>,
  dept: fc.option(fc.constantFrom(...VALUES.dept, 'Fin.Pay.Us'), { nil: undefined }),
  country: fc.subarray(VALUES.country),
  line: fc.subarray([...VALUES.line, 'Retail.Cards.Gold']),
  level: fc.option(fc.constantFrom(...VALUES.level), { nil: undefined }),
});

async function iamAdmits(trust: object, s: Session): Promise<boolean> {
  const roleArn = SESSION_ROLES[s.from];
  const tags: Record<string, string> = {};
  if (s.dept !== undefined) tags['aws:PrincipalTag/dept'] = s.dept;
  if (s.level !== undefined) tags['aws:PrincipalTag/level'] = s.level;
  if (s.country.length > 0) tags['aws:PrincipalTag/country'] = `:${s.country.join(':')}:`;
  if (s.line.length > 0) tags['aws:PrincipalTag/line'] = `:${s.line.join(':')}:`;
  const result = await runSimulation(
    {
      request: {
        principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${roleArn.split('/')[1]}/person`,
        action: 'sts:AssumeRole',
        resource: { resource: ROLE('meshgrant-target'), accountId: ACCOUNT },
        contextVariables: { ...tags, 'aws:PrincipalArn': roleArn },
      },
      identityPolicies: [
        { name: 'caller', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] } },
      ],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: trust,
    },
    {},
  );
  // The trust policy's own decision (the resource policy's analysis), whatever identity policies say.
  if (result.resultType !== 'single') throw new Error(JSON.stringify(result).slice(0, 500));
  return result.result.analysis.resourceAnalysis?.result === 'Allowed';
}

function modelAdmits(c: Condition, s: Session): boolean {
  const arn = SESSION_ROLES[s.from];
  const attributes: Record<string, string[]> = { country: s.country, line: s.line };
  if (s.dept !== undefined) attributes.dept = [s.dept];
  if (s.level !== undefined) attributes.level = [s.level];
  return conditionHolds(c, {
    user: Object.keys(USERS).find((u) => USERS[u] === arn) ?? 'someone',
    groups: new Set(Object.keys(GROUPS).filter((g) => GROUPS[g] === arn)),
    attributes,
    tableTags: TABLE_TAGS,
    hierarchical: (a) => ENCODINGS[a].hierarchical,
  });
}

describe('attribute conditions as trust policies', () => {
  it('admit exactly the sessions the model admits (IAM simulated)', async () => {
    let compiled = 0;
    await fc.assert(
      fc.asyncProperty(condition, fc.array(session, { minLength: 4, maxLength: 8 }), async (c, sessions) => {
        const trust = conditionTrust(
          c,
          (a) => ENCODINGS[a],
          { sessions: Object.values(SESSION_ROLES), group: (g) => GROUPS[g], user: (u) => USERS[u] },
          TABLE_TAGS,
        );
        if ('refused' in trust) return;
        compiled++;
        // A condition no session can meet compiles to no statement: IAM then admits nobody.
        const document = {
          Version: '2012-10-17',
          Statement:
            trust.statements.length > 0
              ? trust.statements
              : [{ Effect: 'Deny', Principal: { AWS: ROLE('nobody') }, Action: 'sts:AssumeRole' }],
        };
        for (const s of sessions) expect({ s, admitted: await iamAdmits(document, s) }).toEqual({ s, admitted: modelAdmits(c, s) });
      }),
      { numRuns: 300, seed: 20261130 },
    );
    expect(compiled).toBeGreaterThan(150);
  }, 120_000);
});

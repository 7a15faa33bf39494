import { MeshSpec, buildMesh, formatPath } from '../../lib/model';
import { AS_OF, Draft, check, compliantSpec, findingsOf, orders, theFinding } from './fixture';

const PURPOSE_RULE = 'security/purpose-member-approval';
const ROLE_RULE = 'security/role-member-approval';
const riskTeam = ['purposes', 0, 'members', 'groups', 0];

/** Makes the purpose's only member the group risk-team with these approval fields. */
const withRiskTeam = (fields: Record<string, string>) => (s: Draft) => {
  s.purposes![0].members = { groups: [{ name: 'risk-team', ...fields }] };
};

describe('security/purpose-member-approval', () => {
  test("passes for a member approved by the purpose's approver", () => {
    expect(
      findingsOf(check(withRiskTeam({ approvedBy: 'max.risk', approvedOn: '2026-05-04', reason: 'Fraud desk' })), PURPOSE_RULE),
    ).toEqual([]);
  });

  test('passes for a member approved by a delegate the purpose declares', () => {
    expect(findingsOf(check(), PURPOSE_RULE)).toEqual([]);
  });

  test('fails if a member records no approval, naming who must approve', () => {
    const f = theFinding(
      check((s) => {
        s.purposes![0].members = { groups: ['risk-team'] };
      }),
      PURPOSE_RULE,
      riskTeam,
    );
    expect(f.severity).toBe('error');
    expect(f.message).toBe(
      'purpose fraud-detection: group risk-team has no recorded approval; max.risk (the approver of purpose fraud-detection) or a delegate (kim.ops) must approve',
    );
    expect(f.fix).toBe('once approved, record approvedBy: max.risk, approvedOn: <day>, and a reason or ticket on the entry');
  });

  test('fails if someone who is neither approver nor delegate approved', () => {
    const f = theFinding(check(withRiskTeam({ approvedBy: 'ann.lee', approvedOn: '2026-05-04', ticket: 'X-1' })), PURPOSE_RULE, [
      ...riskTeam,
      'approvedBy',
    ]);
    expect(f.message).toBe(
      'purpose fraud-detection: group risk-team is approved by ann.lee, who may not approve it; max.risk (the approver of purpose fraud-detection) or a delegate (kim.ops) must approve',
    );
  });

  test('fails if a delegate approves their own access', () => {
    const report = check((s) => {
      s.environments.forEach((e) => (e.identity!.users!['kim.ops'] = e.identity!.users!['ann.lee'].replace('ann.lee', 'kim.ops')));
      s.purposes![0].members = { users: [{ name: 'kim.ops', approvedBy: 'kim.ops', approvedOn: '2026-05-04', ticket: 'X-2' }] };
    });
    const f = theFinding(report, PURPOSE_RULE, ['purposes', 0, 'members', 'users', 0, 'approvedBy']);
    expect(f.message).toBe(
      'purpose fraud-detection: user kim.ops approved their own access; max.risk (the approver of purpose fraud-detection) or a delegate (kim.ops) must approve',
    );
  });

  test('fails if the approval is dated after the day the mesh is evaluated for', () => {
    const f = theFinding(check(withRiskTeam({ approvedBy: 'max.risk', approvedOn: '2026-06-02', ticket: 'X-3' })), PURPOSE_RULE, [
      ...riskTeam,
      'approvedOn',
    ]);
    expect(f.message).toBe(
      `purpose fraud-detection: group risk-team is approved on 2026-06-02, after the day the mesh is evaluated for (${AS_OF}); an approval cannot be dated ahead`,
    );
  });

  test('says nothing about an expired member: it is no longer part of the mesh', () => {
    expect(findingsOf(check(withRiskTeam({ expires: '2026-05-31' })), PURPOSE_RULE)).toEqual([]);
  });
});

describe('security/role-member-approval', () => {
  const optIn = (s: Draft) => {
    s.policy = { severities: { [ROLE_RULE]: 'error' } };
  };

  test('runs only when the mesh sets its severity', () => {
    expect(findingsOf(check(), ROLE_RULE)).toEqual([]);
    expect(findingsOf(check(optIn), ROLE_RULE).map((f) => formatPath(f.path))).toEqual([
      'products[0].roles.analyst.members.groups[0]',
      'products[0].roles.engineer.members.groups[0]',
      'products[0].roles.owner.members.users[0]',
    ]);
  });

  test("passes for members approved by the product owner, and the owner's own membership by the domain owner", () => {
    const report = check((s) => {
      optIn(s);
      s.domains[0].owner = 'dora.head';
      const approval = { approvedBy: 'ann.lee', approvedOn: '2026-05-01', reason: 'Sales team' };
      orders(s).roles = {
        analyst: { members: { groups: [{ name: 'shop-analysts', ...approval }] } },
        engineer: { members: { groups: [{ name: 'shop-eng', ...approval }] } },
        owner: { members: { users: [{ name: 'ann.lee', ...approval, approvedBy: 'dora.head' }] } },
      };
    });
    expect(findingsOf(report, ROLE_RULE)).toEqual([]);
  });

  test('fails if an analyst group records no approval, naming the product owner', () => {
    const report = check(optIn);
    const f = findingsOf(report, ROLE_RULE)[0];
    expect(f.severity).toBe('error');
    expect(f.message).toBe(
      'product sales.orders analyst: group shop-analysts has no recorded approval; ann.lee (the owner of product sales.orders) must approve',
    );
  });

  test('fails if the owner approves their own membership, naming the domain owner', () => {
    const report = check((s) => {
      optIn(s);
      s.domains[0].owner = 'dora.head';
      orders(s).roles!.owner = {
        members: { users: [{ name: 'ann.lee', approvedBy: 'ann.lee', approvedOn: '2026-05-01', ticket: 'T-1' }] },
      };
    });
    const f = findingsOf(report, ROLE_RULE).find((x) => formatPath(x.path).startsWith('products[0].roles.owner'))!;
    expect(f.message).toBe(
      'product sales.orders owner: user ann.lee approved their own access; dora.head (the owner of domain sales) must approve',
    );
  });
});

describe('recorded approvals are complete', () => {
  const problemsOf = (fields: Record<string, string>) => {
    const s = compliantSpec();
    withRiskTeam(fields)(s);
    try {
      buildMesh(s as MeshSpec, undefined, { asOf: AS_OF });
      return [];
    } catch (e) {
      return (e as { problems: { path: (string | number)[]; message: string }[] }).problems.map(
        (p) => `${formatPath(p.path)}: ${p.message}`,
      );
    }
  };

  test('an approval names its approver, its day and a reason or ticket', () => {
    expect(problemsOf({ approvedOn: '2026-05-04', reason: 'Fraud desk' })).toEqual([
      'purposes[0].members.groups[0]: purpose fraud-detection: group risk-team: the approval names no approver',
    ]);
    expect(problemsOf({ approvedBy: 'max.risk' })).toEqual([
      'purposes[0].members.groups[0]: purpose fraud-detection: group risk-team: approved by max.risk on no day',
      'purposes[0].members.groups[0]: purpose fraud-detection: group risk-team: approved by max.risk without a reason or ticket',
    ]);
  });

  test('days are real calendar days, and an approval comes no later than the expiry', () => {
    expect(problemsOf({ approvedBy: 'max.risk', approvedOn: '2026-02-30', ticket: 'T', expires: '2026-13-01' })).toEqual([
      'purposes[0].members.groups[0].approvedOn: purpose fraud-detection: group risk-team: approvedOn `2026-02-30` is not a day',
      'purposes[0].members.groups[0].expires: purpose fraud-detection: group risk-team: expires `2026-13-01` is not a day',
    ]);
    expect(problemsOf({ approvedBy: 'max.risk', approvedOn: '2026-05-04', ticket: 'T', expires: '2026-05-03' })).toEqual([
      'purposes[0].members.groups[0].approvedOn: purpose fraud-detection: group risk-team: approved on 2026-05-04, after it expires on 2026-05-03',
    ]);
  });

  test('a reason is prose, carried literally; the approver is a name, used as written', () => {
    expect(problemsOf({ approvedBy: 'max.risk', approvedOn: '2026-05-04', reason: 'Per ${policy} 7, %{ok}' })).toEqual([]);
    expect(problemsOf({ approvedBy: '${aws:username}', approvedOn: '2026-05-04', ticket: 'T' })).toEqual([
      'purposes[0].members.groups[0].approvedBy: value `${aws:username}` contains `${`; names, ids, ARNs and tag values are used as written, and Terraform would evaluate it',
    ]);
  });

  test('a delegate is not the approver', () => {
    const s = compliantSpec();
    s.purposes![0].delegates = ['max.risk'];
    expect(() => buildMesh(s as MeshSpec, undefined, { asOf: AS_OF })).toThrow(
      'purpose fraud-detection: max.risk is its approver, not a delegate',
    );
  });
});

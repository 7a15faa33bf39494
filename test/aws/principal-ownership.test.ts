import { Writable, problemsOf } from '../helpers/spec-problems';

const PROD_ACCOUNT_HINT = '(if that is meant, accept it under foreignPrincipals of environment prod in environments.yaml, with a reason)';

describe('principals belong to their environment', () => {
  test("fails if the deploy role, a lake admin or a group's principal is of another account", () => {
    expect(
      problemsOf((s: Writable) => {
        s.environments[1].deployRoleArn = 'arn:aws:iam::999999999999:role/deploy';
        s.environments[1].lakeAdmins = ['arn:aws:iam::111111111111:role/dev-admin'];
        s.environments[1].identity.groups['fraud-analysts'] = 'arn:aws:iam::999999999999:role/fraud';
      }),
    ).toEqual([
      `environments.1.deployRoleArn: environment prod: deployRoleArn \`arn:aws:iam::999999999999:role/deploy\` belongs to account 999999999999, not to the environment's account 222222222222 ${PROD_ACCOUNT_HINT}`,
      `environments.1.lakeAdmins.0: environment prod: lake admin \`arn:aws:iam::111111111111:role/dev-admin\` belongs to account 111111111111, not to the environment's account 222222222222 ${PROD_ACCOUNT_HINT}`,
      `environments.1.identity.groups.fraud-analysts: environment prod: principal of group fraud-analysts \`arn:aws:iam::999999999999:role/fraud\` belongs to account 999999999999, not to the environment's account 222222222222 ${PROD_ACCOUNT_HINT}`,
    ]);
  });

  test('passes when foreignPrincipals accepts the principal or its account, with a reason', () => {
    expect(
      problemsOf((s: Writable) => {
        s.environments[1].deployRoleArn = 'arn:aws:iam::999999999999:role/deploy';
        s.environments[1].identity.groups['fraud-analysts'] = 'arn:aws:iam::888888888888:role/fraud';
        s.environments[1].foreignPrincipals = [
          { principal: 'arn:aws:iam::999999999999:role/deploy', reason: 'The platform account deploys every environment' },
          { account: '888888888888', reason: 'The fraud team works from its own account' },
        ];
      }),
    ).toEqual([]);
  });

  test('fails if an acceptance has no real reason, names the own account, or accepts nothing used', () => {
    expect(
      problemsOf((s: Writable) => {
        s.environments[1].foreignPrincipals = [
          { account: '999999999999', reason: 'needed' },
          { account: '222222222222', reason: 'The environment account itself, by mistake' },
          { principal: 'arn:aws:iam::777777777777:role/x', reason: 'An auditor role that nothing names any more' },
        ];
      }),
    ).toEqual([
      'environments.1.foreignPrincipals.0.reason: environment prod: accepting a foreign principal needs a reason of at least 20 characters (say who owns that account and why it is trusted here)',
      "environments.1.foreignPrincipals.1: environment prod: account 222222222222 is the environment's own; only other accounts need accepting",
      'environments.1.foreignPrincipals.2: environment prod: foreign principal `arn:aws:iam::777777777777:role/x` is accepted, but the environment names no such principal (remove the entry)',
    ]);
  });
});

describe('attribute rules trust declared session roles only', () => {
  test('fails if an attribute session principal is the account root or a user', () => {
    expect(
      problemsOf((s: Writable) => {
        s.environments[0].identity.attributeSessionPrincipals = ['arn:aws:iam::111111111111:root', 'arn:aws:iam::111111111111:user/bob'];
      }),
    ).toEqual([
      'environments.0.identity.attributeSessionPrincipals.0: environment dev: attribute session principal `arn:aws:iam::111111111111:root` is not a role; attribute rules trust only the IAM Identity Center or SAML-federated roles whose sessions carry directory attributes (an account root admits any principal of the account that carries matching tags)',
      'environments.0.identity.attributeSessionPrincipals.1: environment dev: attribute session principal `arn:aws:iam::111111111111:user/bob` is not a role; attribute rules trust only the IAM Identity Center or SAML-federated roles whose sessions carry directory attributes (the tags of an IAM user are set by whoever may tag it, not by your identity provider)',
    ]);
  });

  test('fails if an environment an attribute rule reaches declares no session principal', () => {
    expect(problemsOf((s: Writable) => delete s.environments[1].identity.attributeSessionPrincipals)).toEqual([
      'products.1.roles.analyst.members.attributes: product payments.transactions analyst: attribute rules need identity.attributeSessionPrincipals of environment prod in environments.yaml, the roles whose sessions carry directory attributes (meshgrant never trusts the whole account on session tags)',
      'purposes.1.members.attributes: purpose marketing-analytics (bound by customers.profiles, marketing.attribution, marketing.campaigns, payments.transactions): attribute rules need identity.attributeSessionPrincipals of environment prod in environments.yaml, the roles whose sessions carry directory attributes (meshgrant never trusts the whole account on session tags)',
    ]);
  });
});

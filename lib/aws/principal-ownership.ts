import type { IdentityMappingSpec } from '../model/members';
import { ProblemCollector, SpecPath } from '../model/problems';
import type { AwsEnvironmentSpec, ForeignPrincipalSpec } from './environment';

/** An environment as written: its AWS fields, its name and its identity mapping. */
type EnvironmentSpec = AwsEnvironmentSpec & { readonly name: string; readonly identity?: IdentityMappingSpec };
import { AWS_NAME_PATTERNS } from './names';
import { environmentSetting } from '../model/environments-file';

/** A reason a reviewer can check, not a placeholder. */
const REASON_MIN = 20;

interface NamedPrincipal {
  readonly arn: string;
  readonly path: SpecPath;
  /** `deployRoleArn`, `lake admin`, `principal of group analysts`, ... */
  readonly what: string;
}

/** Every principal ARN an environment names, with where and as what. */
function namedPrincipals(e: EnvironmentSpec, at: SpecPath): NamedPrincipal[] {
  const named: NamedPrincipal[] = [{ arn: e.deployRoleArn, path: [...at, 'deployRoleArn'], what: 'deployRoleArn' }];
  (e.lakeAdmins ?? []).forEach((arn, j) => named.push({ arn, path: [...at, 'lakeAdmins', j], what: 'lake admin' }));
  for (const kind of ['groups', 'users'] as const) {
    const map = e.identity?.[kind] ?? {};
    for (const name of Object.keys(map))
      named.push({ arn: map[name], path: [...at, 'identity', kind, name], what: `principal of ${kind.slice(0, -1)} ${name}` });
  }
  (e.identity?.attributeSessionPrincipals ?? []).forEach((arn, j) =>
    named.push({ arn, path: [...at, 'identity', 'attributeSessionPrincipals', j], what: 'attribute session principal' }),
  );
  // Malformed ARNs are reported by the name checks.
  return named.filter((n) => typeof n.arn === 'string' && AWS_NAME_PATTERNS.iamArn.test(n.arn));
}

const accountOf = (arn: string) => arn.split(':')[4];

/**
 * Principals belong to their environment. Every ARN an environment names (deploy role, lake
 * admins, the principals of directory groups and users, attribute session principals) must be of
 * the environment's account unless `foreignPrincipals` accepts it, or its account, with a reason;
 * an acceptance nothing uses is an error, like a suppression that matches nothing.
 *
 * Attribute rules trust only roles whose sessions carry attributes: the account root would admit
 * any principal of the account that carries matching tags, an IAM user's tags are set by whoever
 * may tag it (see docs/aws-mapping.md, "Who sets the tags attribute rules test"). A directory
 * group or user mapped to an account root is the policy rule `security/no-wildcard-principal`.
 */
export function checkPrincipalOwnership(environments: readonly EnvironmentSpec[], problems: ProblemCollector): void {
  environments.forEach((e, i) => {
    const at: SpecPath = ['environments', i];
    const accepted = checkForeignPrincipals(e, at, problems);
    const used = new Set<ForeignPrincipalSpec>();
    for (const n of namedPrincipals(e, at)) {
      const account = accountOf(n.arn);
      if (n.what === 'attribute session principal' && !n.arn.includes(':role/')) {
        problems.add(
          n.path,
          `environment ${e.name}: attribute session principal \`${n.arn}\` is not a role; attribute rules trust only the IAM Identity Center or SAML-federated roles whose sessions carry directory attributes`,
          n.arn.endsWith(':root')
            ? 'an account root admits any principal of the account that carries matching tags'
            : 'the tags of an IAM user are set by whoever may tag it, not by your identity provider',
        );
      }
      if (account === e.account) continue;
      const acceptance = accepted.find((f) => f.principal === n.arn) ?? accepted.find((f) => f.account === account);
      if (acceptance !== undefined) {
        used.add(acceptance);
        continue;
      }
      problems.add(
        n.path,
        `environment ${e.name}: ${n.what} \`${n.arn}\` belongs to account ${account}, not to the environment's account ${e.account}`,
        `if that is meant, accept it under ${environmentSetting('foreignPrincipals', [e.name])}, with a reason`,
      );
    }
    (e.foreignPrincipals ?? []).forEach((f, j) => {
      if (accepted.includes(f) && !used.has(f)) {
        problems.add(
          [...at, 'foreignPrincipals', j],
          `environment ${e.name}: foreign ${f.principal !== undefined ? `principal \`${f.principal}\`` : `account ${f.account}`} is accepted, but the environment names no such principal`,
          'remove the entry',
        );
      }
    });
  });
}

/** The well-formed entries of `foreignPrincipals`; the others are reported. */
function checkForeignPrincipals(e: EnvironmentSpec, at: SpecPath, problems: ProblemCollector): ForeignPrincipalSpec[] {
  const accepted: ForeignPrincipalSpec[] = [];
  (e.foreignPrincipals ?? []).forEach((f, j) => {
    const path: SpecPath = [...at, 'foreignPrincipals', j];
    const before = problems.problems.length;
    if ((f.principal === undefined) === (f.account === undefined)) {
      problems.add(
        path,
        `environment ${e.name}: a foreign principal entry names either a \`principal\` or an \`account\`, not ${f.principal === undefined ? 'neither' : 'both'}`,
      );
    } else if (f.principal !== undefined && !AWS_NAME_PATTERNS.iamArn.test(f.principal)) {
      problems.add([...path, 'principal'], `environment ${e.name}: foreign principal \`${f.principal}\` is not an IAM ARN`);
    } else if (f.account !== undefined && !AWS_NAME_PATTERNS.account.test(f.account)) {
      problems.add([...path, 'account'], `environment ${e.name}: foreign account \`${f.account}\` is not a 12-digit AWS account id`);
    } else if ((f.account ?? accountOf(f.principal!)) === e.account) {
      problems.add(path, `environment ${e.name}: account ${e.account} is the environment's own; only other accounts need accepting`);
    }
    if (typeof f.reason !== 'string' || f.reason.trim().length < REASON_MIN) {
      problems.add(
        [...path, 'reason'],
        `environment ${e.name}: accepting a foreign principal needs a reason of at least ${REASON_MIN} characters`,
        'say who owns that account and why it is trusted here',
      );
    }
    if (problems.problems.length === before) accepted.push(f);
  });
  return accepted;
}

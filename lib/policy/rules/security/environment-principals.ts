import type { Environment } from '../../../model/environment';
import type { Members } from '../../../model/members';
import type { SpecPath } from '../../../model/problems';
import { PRODUCT_ROLES } from '../../../model/product-role';
import type { PolicyRule, Violation } from '../../rule';
import { environmentSetting } from '../../../model/environments-file';

const ARN_ACCOUNT = /^arn:aws[a-z-]*:iam::(\d{12}):/;

function* foreignPrincipals(env: Environment, members: Members, path: SpecPath, who: string): Iterable<Violation> {
  for (const [kind, map] of [
    ['groups', env.groups],
    ['users', env.users],
  ] as const) {
    for (const name of members[kind]) {
      const arn = map.get(name);
      const account = arn === undefined ? undefined : ARN_ACCOUNT.exec(arn)?.[1];
      if (account === undefined || account === env.account) continue;
      yield {
        path: [...path, kind],
        message: `${who}: ${kind.slice(0, -1)} \`${name}\` maps in ${env.name} to \`${arn}\`, a principal of account ${account}, not of ${env.name}'s account ${env.account}`,
        fix: `map \`${name}\` under ${environmentSetting(`identity.${kind}`, [env.name])} to a principal of account ${env.account}, or remove it from ${env.name}'s members`,
      };
    }
  }
}

/**
 * The model refuses a mapping into another account unless the environment accepts that account
 * in `foreignPrincipals` with a reason; in an environment others promote to, this rule still
 * flags members reached through such an acceptance, so that prod access from another account
 * needs a second, explicit decision (a suppression).
 */
export const environmentPrincipals: PolicyRule = {
  id: 'security/environment-principals',
  severity: 'error',
  description:
    "In an environment that others promote to (prod), every member of a product role or bound purpose maps to a principal of that environment's own account.",
  rationale:
    'Dev principals must never appear in prod stacks: a sandbox role, or any principal of another account, gains prod data through a mapping copied from dev. A missing mapping, or one into another account that the environment does not accept in `foreignPrincipals`, is already rejected by the model; this rule catches accepted ones used by members of a prod product or purpose.',
  *check({ mesh }): Iterable<Violation> {
    const targets = new Set(mesh.environments.map((e) => e.promotesTo).filter((e): e is string => e !== undefined));
    for (const env of mesh.environments.filter((e) => targets.has(e.name))) {
      for (const p of mesh.productsIn(env.name)) {
        for (const role of PRODUCT_ROLES) {
          yield* foreignPrincipals(env, p.roles[role].members, [...p.specPath, 'roles', role, 'members'], `product ${p.id} ${role}`);
        }
      }
      for (const purpose of mesh.purposesIn(env.name)) {
        yield* foreignPrincipals(env, purpose.members, [...purpose.specPath, 'members'], `purpose ${purpose.name}`);
      }
    }
  },
};

import type { IdentityMappingSpec } from '../model/members';
import type { SpecCheck } from '../model/spec-check';
import { AwsEnvironmentSpec, checkAwsEnvironment, checkAwsEnvironmentsApart, checkPrincipal, toAwsEnvironment } from './environment';
import { checkNameCollisions } from './name-collisions';
import { checkPrincipalOwnership } from './principal-ownership';
import { COLUMN_PERMISSIONS, DATABASE_PERMISSIONS, FILTER_PERMISSIONS, TABLE_PERMISSIONS } from './permissions';

/**
 * AWS (IAM, Glue, Lake Formation) as a deployment target: what the cloud-neutral layers ask of it.
 * Selected in lib/target.ts, which also checks that it provides the whole `DeploymentTarget`.
 */
export const awsTarget = {
  name: 'aws',
  environment: {
    check: checkAwsEnvironment,
    checkApart: (
      check: SpecCheck,
      specs: readonly (AwsEnvironmentSpec & { readonly name: string; readonly identity?: IdentityMappingSpec })[],
    ) => {
      checkAwsEnvironmentsApart(check, specs);
      checkPrincipalOwnership(specs, check.problems);
    },
    checkPrincipal,
    resolve: toAwsEnvironment,
    checkNames: checkNameCollisions,
  },
  permissions: {
    table: TABLE_PERMISSIONS,
    database: DATABASE_PERMISSIONS,
    filter: FILTER_PERMISSIONS,
    columns: COLUMN_PERMISSIONS,
  },
} as const;

import {
  accountRoot,
  checkAwsEnvironment,
  checkAwsEnvironmentsApart,
  checkPrincipal,
  toAwsEnvironment,
} from './environment';
import { COLUMN_PERMISSIONS, DATABASE_PERMISSIONS, FILTER_PERMISSIONS, TABLE_PERMISSIONS } from './permissions';

/**
 * AWS (IAM, Glue, Lake Formation) as a deployment target: what the cloud-neutral layers ask of it.
 * Selected in lib/target.ts, which also checks that it provides the whole `DeploymentTarget`.
 */
export const awsTarget = {
  name: 'aws',
  environment: {
    check: checkAwsEnvironment,
    checkApart: checkAwsEnvironmentsApart,
    checkPrincipal,
    resolve: toAwsEnvironment,
    defaultAttributeSessionPrincipal: (spec: { readonly account: string }) => accountRoot(spec.account),
  },
  permissions: {
    table: TABLE_PERMISSIONS,
    database: DATABASE_PERMISSIONS,
    filter: FILTER_PERMISSIONS,
    columns: COLUMN_PERMISSIONS,
  },
} as const;

/**
 * The one place that loads AWS provider resources, each from its own submodule: loading the
 * package root loads every binding (seconds and gigabytes). They come from the provider package of
 * the CDK flavour in use (`@cdktn/provider-aws` or `@cdktf/provider-aws`, see `cdk-flavour.ts`);
 * the types are `@cdktn/provider-aws`'s, whose classes and props have the same names.
 */
import type * as Provider from '@cdktn/provider-aws/lib/provider';
import type * as AthenaWorkgroupModule from '@cdktn/provider-aws/lib/athena-workgroup';
import type * as GlueCatalogDatabaseModule from '@cdktn/provider-aws/lib/glue-catalog-database';
import type * as GlueCatalogTableModule from '@cdktn/provider-aws/lib/glue-catalog-table';
import type * as IamRoleModule from '@cdktn/provider-aws/lib/iam-role';
import type * as IamRolePolicyModule from '@cdktn/provider-aws/lib/iam-role-policy';
import type * as LakeformationDataCellsFilterModule from '@cdktn/provider-aws/lib/lakeformation-data-cells-filter';
import type * as LakeformationDataLakeSettingsModule from '@cdktn/provider-aws/lib/lakeformation-data-lake-settings';
import type * as LakeformationLfTagModule from '@cdktn/provider-aws/lib/lakeformation-lf-tag';
import type * as LakeformationOptInModule from '@cdktn/provider-aws/lib/lakeformation-opt-in';
import type * as LakeformationPermissionsModule from '@cdktn/provider-aws/lib/lakeformation-permissions';
import type * as LakeformationResourceModule from '@cdktn/provider-aws/lib/lakeformation-resource';
import type * as LakeformationResourceLfTagsModule from '@cdktn/provider-aws/lib/lakeformation-resource-lf-tags';
import { cdkFlavour } from './cdktf';

/** One submodule of the flavour's provider package, e.g. `iam-role`. */
function submodule<T>(name: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`${cdkFlavour.awsProvider}/lib/${name}`) as T;
}

export const { AwsProvider } = submodule<typeof Provider>('provider');
export type AwsProvider = Provider.AwsProvider;
export const { AthenaWorkgroup } = submodule<typeof AthenaWorkgroupModule>('athena-workgroup');
export type AthenaWorkgroup = AthenaWorkgroupModule.AthenaWorkgroup;
export const { GlueCatalogDatabase } = submodule<typeof GlueCatalogDatabaseModule>('glue-catalog-database');
export type GlueCatalogDatabase = GlueCatalogDatabaseModule.GlueCatalogDatabase;
export const { GlueCatalogTable } = submodule<typeof GlueCatalogTableModule>('glue-catalog-table');
export type GlueCatalogTable = GlueCatalogTableModule.GlueCatalogTable;
export const { IamRole } = submodule<typeof IamRoleModule>('iam-role');
export type IamRole = IamRoleModule.IamRole;
export const { IamRolePolicy } = submodule<typeof IamRolePolicyModule>('iam-role-policy');
export type IamRolePolicy = IamRolePolicyModule.IamRolePolicy;
export const { LakeformationDataCellsFilter } = submodule<typeof LakeformationDataCellsFilterModule>('lakeformation-data-cells-filter');
export type LakeformationDataCellsFilter = LakeformationDataCellsFilterModule.LakeformationDataCellsFilter;
export const { LakeformationDataLakeSettings } = submodule<typeof LakeformationDataLakeSettingsModule>('lakeformation-data-lake-settings');
export type LakeformationDataLakeSettings = LakeformationDataLakeSettingsModule.LakeformationDataLakeSettings;
export const { LakeformationLfTag } = submodule<typeof LakeformationLfTagModule>('lakeformation-lf-tag');
export type LakeformationLfTag = LakeformationLfTagModule.LakeformationLfTag;
export const { LakeformationOptIn } = submodule<typeof LakeformationOptInModule>('lakeformation-opt-in');
export type LakeformationOptIn = LakeformationOptInModule.LakeformationOptIn;
export const { LakeformationPermissions } = submodule<typeof LakeformationPermissionsModule>('lakeformation-permissions');
export type LakeformationPermissions = LakeformationPermissionsModule.LakeformationPermissions;
export const { LakeformationResource } = submodule<typeof LakeformationResourceModule>('lakeformation-resource');
export type LakeformationResource = LakeformationResourceModule.LakeformationResource;
export const { LakeformationResourceLfTags } = submodule<typeof LakeformationResourceLfTagsModule>('lakeformation-resource-lf-tags');
export type LakeformationResourceLfTags = LakeformationResourceLfTagsModule.LakeformationResourceLfTags;
export type LakeformationResourceLfTagsConfig = LakeformationResourceLfTagsModule.LakeformationResourceLfTagsConfig;

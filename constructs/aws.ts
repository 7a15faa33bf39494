/**
 * The one place that imports AWS provider resources, each from its own submodule: importing the
 * package root loads every binding (seconds and gigabytes).
 */
export { AwsProvider } from '@cdktf/provider-aws/lib/provider';
export { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database';
export { GlueCatalogTable } from '@cdktf/provider-aws/lib/glue-catalog-table';
export { IamRole } from '@cdktf/provider-aws/lib/iam-role';
export { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
export { LakeformationDataCellsFilter } from '@cdktf/provider-aws/lib/lakeformation-data-cells-filter';
export { LakeformationDataLakeSettings } from '@cdktf/provider-aws/lib/lakeformation-data-lake-settings';
export { LakeformationLfTag } from '@cdktf/provider-aws/lib/lakeformation-lf-tag';
export { LakeformationPermissions } from '@cdktf/provider-aws/lib/lakeformation-permissions';
export { LakeformationResource } from '@cdktf/provider-aws/lib/lakeformation-resource';
export { LakeformationResourceLfTags } from '@cdktf/provider-aws/lib/lakeformation-resource-lf-tags';
export type { LakeformationResourceLfTagsConfig } from '@cdktf/provider-aws/lib/lakeformation-resource-lf-tags';

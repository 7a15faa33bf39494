import { Catalog, CatalogTable, externalCatalog } from './catalog';
import { AccessPrincipal } from './effective-access';
import { TerraformStack, block, resourcesOf, text } from './terraform-stack';

/** Lake Formation's name for every IAM principal whose own policies allow the access. */
export const IAM_ALLOWED_PRINCIPALS = 'IAM_ALLOWED_PRINCIPALS';

/**
 * The principal of IAM-only access: anyone in the account whose IAM policies allow Glue and S3
 * reads on the table. Readback cannot list them (their policies are not in the stack), so they
 * are one principal that nobody is known to become.
 */
export const IAM_ONLY_PRINCIPAL: AccessPrincipal = {
  arn: IAM_ALLOWED_PRINCIPALS,
  roleName: IAM_ALLOWED_PRINCIPALS,
  kind: 'other',
  members: { principals: [], attributeRules: [] },
};

/** Why a table stays open to IAM-only access. */
export type IamOpenReason =
  /** Its database's storage is registered with Lake Formation in hybrid access mode. */
  | 'hybrid-location'
  /** The stack creates it under data lake settings that give new tables to IAM_ALLOWED_PRINCIPALS. */
  | 'iam-default-permissions';

/** A table of a stack that IAM principals can read without any Lake Formation grant. */
export interface IamOpenTable {
  readonly table: CatalogTable;
  /** Sorted. */
  readonly reasons: readonly IamOpenReason[];
}

/**
 * The tables of a stack that are also open to IAM-only access, so that effective access there is
 * wider than the Lake Formation grants: those whose database lies under a location registered in
 * hybrid access mode, and those the stack creates while its data lake settings keep the default
 * ALL to IAM_ALLOWED_PRINCIPALS. Sorted like the catalog.
 */
export function iamOpenTables(stack: TerraformStack, catalog: Catalog): IamOpenTable[] {
  const hybrid = resourcesOf(stack, 'aws_lakeformation_resource')
    .filter((r) => r.hybrid_access_enabled === true)
    .map((r) => text(r.arn) ?? '')
    .filter((arn) => arn.startsWith('arn:aws:s3:::'))
    .map((arn) => `s3://${arn.slice('arn:aws:s3:::'.length).replace(/\/+$/, '')}/`);
  const created = resourcesOf(stack, 'aws_glue_catalog_database');
  const locations = new Map<string, string>();
  for (const d of [...created, ...externalCatalog(stack).databases]) {
    const name = text(d.name);
    const location = text(d.location_uri) ?? text(d.location);
    if (name !== undefined && location !== undefined) locations.set(name, location.endsWith('/') ? location : `${location}/`);
  }
  const iamDefaults = resourcesOf(stack, 'aws_lakeformation_data_lake_settings').some((s) =>
    [s.create_table_default_permissions, s.create_database_default_permissions].some(
      (v) => text(block(v)?.principal) === IAM_ALLOWED_PRINCIPALS,
    ),
  );
  const createdTables = new Set(resourcesOf(stack, 'aws_glue_catalog_table').map((t) => `${text(t.database_name)}\u0000${text(t.name)}`));
  const out: IamOpenTable[] = [];
  for (const table of catalog.tables) {
    const reasons: IamOpenReason[] = [];
    const location = locations.get(table.database);
    if (location !== undefined && hybrid.some((h) => location.startsWith(h))) reasons.push('hybrid-location');
    if (iamDefaults && createdTables.has(`${table.database}\u0000${table.name}`)) reasons.push('iam-default-permissions');
    if (reasons.length > 0) out.push({ table, reasons });
  }
  return out;
}

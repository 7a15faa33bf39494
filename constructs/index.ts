/**
 * meshgrant constructs (cdktf / CDK Terrain), for code that builds its own stacks: the Lake
 * Formation foundation of an environment, data products with their ports and roles, purpose
 * roles, and grants on the ports in the aws-cdk idiom (`port.grantRead(role)`).
 *
 * Every name is listed on purpose (docs/decisions.md, "A deliberate public API"); the model types
 * these take (`DataProduct`, `Purpose`, `Mesh`...) come from `meshgrant`.
 *
 * @packageDocumentation
 */
export { LakeFoundation } from './lake-foundation';
export type { LakeFoundationProps } from './lake-foundation';
export { LakeProduct } from './data-product';
export type { LakeProductProps } from './data-product';
export { LakePort } from './output-port';
export type { LakePortProps } from './output-port';
export { PortGrants } from './port-grants';
export type { ReadGrantOptions } from './port-grants';
export { PortGrant } from './port-grant';
export { LakePrincipal } from './lake-principal';
export type { DataLocation, GrantedFilter, GrantedTable, IGrantable, ProductDatabase } from './lake-principal';
export { LakeProductRole } from './product-role';
export type { LakeProductRoleProps } from './product-role';
export { LakePurposeRole } from './purpose-role';
export type { LakePurposeRoleProps } from './purpose-role';
export { PurposeWorkgroup } from './purpose-workgroup';
export type { PurposeWorkgroupProps } from './purpose-workgroup';
export { LakePolicyRole } from './policy-role';
export type { LakePolicyRoleProps } from './policy-role';
export { LakePurposeBinding } from './purpose-binding';
export type { LakePurposeBindingProps } from './purpose-binding';
export { LfTagAssignment } from './lf-tag-assignment';
export type { LfTagAssignmentProps } from './lf-tag-assignment';
export type { LfTagCondition } from '../lib/aws/lf-tag-ontology';
export { SelfContainedStack } from './self-contained-stack';

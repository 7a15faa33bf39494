import type { PolicyRule } from './rule';
import { glueTextLength } from './rules/aws/glue-text-length';
import { lfPermissionsValid } from './rules/aws/lf-permissions-valid';
import { lfTagLength } from './rules/aws/lf-tag-length';
import { lfTagQuotas } from './rules/aws/lf-tag-quotas';
import { lfTagsPerResource } from './rules/aws/lf-tags-per-resource';
import { trustPolicySize } from './rules/aws/trust-policy-size';
import { policyTrustEnforceable } from './rules/aws/policy-trust-enforceable';
import { policyExpansionLimits } from './rules/aws/policy-expansion-limits';
import { columnClassified } from './rules/readiness/column-classified';
import { description } from './rules/readiness/description';
import { emptyRoles } from './rules/readiness/empty-roles';
import { ownerRole } from './rules/readiness/owner-role';
import { purposeBinding } from './rules/readiness/purpose-binding';
import { retention } from './rules/readiness/retention';
import { analystReadOnly } from './rules/security/analyst-read-only';
import { bindingWithinPurpose } from './rules/security/binding-within-purpose';
import { downstreamPrivacy } from './rules/security/downstream-privacy';
import { environmentPrincipals } from './rules/security/environment-principals';
import { grantWithinClearance } from './rules/security/grant-within-clearance';
import { noWildcardAction } from './rules/security/no-wildcard-action';
import { noWildcardPrincipal } from './rules/security/no-wildcard-principal';
import { ownerGrantOption } from './rules/security/owner-grant-option';
import { purposeApprover } from './rules/security/purpose-approver';
import { purposeMemberApproval } from './rules/security/purpose-member-approval';
import { roleMemberApproval } from './rules/security/role-member-approval';
import { sensitiveDataNeedsPurpose } from './rules/security/sensitive-data-needs-purpose';
import { separationOfDuties } from './rules/security/separation-of-duties';

/** The built-in rule packs, by name; `MeshSpec.policy.packs` selects among them (default: all). */
export const BUILT_IN_PACKS: Readonly<Record<string, readonly PolicyRule[]>> = {
  readiness: [ownerRole, description, columnClassified, retention, purposeBinding, emptyRoles],
  security: [
    noWildcardPrincipal,
    noWildcardAction,
    analystReadOnly,
    ownerGrantOption,
    sensitiveDataNeedsPurpose,
    bindingWithinPurpose,
    grantWithinClearance,
    purposeApprover,
    environmentPrincipals,
    separationOfDuties,
    purposeMemberApproval,
    roleMemberApproval,
    downstreamPrivacy,
  ],
  aws: [
    lfTagLength,
    lfTagsPerResource,
    lfTagQuotas,
    glueTextLength,
    trustPolicySize,
    lfPermissionsValid,
    policyTrustEnforceable,
    policyExpansionLimits,
  ],
};

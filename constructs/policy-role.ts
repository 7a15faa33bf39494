import type { Attribute } from '../lib/abac/attributes';
import { AccessLevel } from '../lib/model';
import { AccessVia, ColumnAllowance, PolicyPrincipal } from '../lib/plan';
import { policyRoleName } from '../lib/aws/names';
import { policyRole } from '../lib/aws/policy-trust';
import { Construct } from './cdktf';
import { LakeFoundation } from './lake-foundation';
import { LakePrincipal } from './lake-principal';
import { LfTagCondition } from '../lib/aws/lf-tag-ontology';

/** Props of {@link LakePolicyRole}. */
export interface LakePolicyRoleProps {
  readonly principal: PolicyPrincipal;
  /** The mesh's declared attributes: how each travels in a session tag. */
  readonly attributes: readonly Attribute[];
}

/**
 * The IAM role of a principal that global policies call for (a merged subscription condition, a
 * guarded way in, or a row policy's segment): its trust policy admits exactly the sessions that
 * meet the condition, and it is granted tables by name or through data cells filters, never by
 * an access tag. Its IAM tags say which policies shaped it (docs/aws-mapping.md).
 */
export class LakePolicyRole extends LakePrincipal {
  readonly principal: PolicyPrincipal;
  readonly filterSuffix: string;
  readonly via: AccessVia;
  readonly allowance: ColumnAllowance;

  constructor(scope: Construct, id: string, props: LakePolicyRoleProps) {
    const { principal } = props;
    const env = LakeFoundation.of(scope).environment;
    const { trustPolicy, tags } = policyRole(principal, props.attributes, env);
    super(scope, id, {
      roleName: policyRoleName(env, principal.id),
      description: `Global policies ${principal.policies.join(', ')} (${env.name})`,
      trustPolicy,
      tags,
    });
    this.principal = principal;
    this.filterSuffix = principal.id;
    this.via = { kind: 'policy', policies: principal.policies };
    this.allowance = { kind: 'clearance', level: this.foundation.classification.defaultLevel };
  }

  accessTag(level: AccessLevel): LfTagCondition {
    throw new Error(`${this.principal.id} has no access tag (asked for ${level}): it is granted tables by name`);
  }

  protected tagPolicyExpression(level: AccessLevel): LfTagCondition[] {
    throw new Error(`${this.principal.id} has no tag-policy grant (asked for ${level}): it is granted tables by name`);
  }
}

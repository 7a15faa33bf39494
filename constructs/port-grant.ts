import { AccessMechanism, PlannedAccess } from '../lib/plan';
import { TerraformResource, dependable } from './cdktf';
import type { LakePrincipal } from './lake-principal';
import type { LakePort } from './output-port';

/**
 * What a grant on a port produced (the aws-cdk `Grant` idiom): the planned access, and the
 * resources that make it effective, which others can wait for. A grant that shows no column
 * (the grantee's clearance or purpose hides every asked column) made nothing and is not a success.
 */
export class PortGrant {
  /** @param resources what enforces the access: Lake Formation permissions, and the filter or table tags they need */
  constructor(
    readonly port: LakePort,
    readonly principal: LakePrincipal,
    readonly access: PlannedAccess | undefined,
    readonly resources: readonly TerraformResource[],
  ) {}

  /** True when the grant gives access (at least one column). */
  get success(): boolean {
    return this.access !== undefined;
  }

  /** How Lake Formation enforces it; undefined when the grant gives nothing. */
  get mechanism(): AccessMechanism | undefined {
    return this.access?.mechanism;
  }

  /** Columns readable through the grant, sorted. */
  get columns(): readonly string[] {
    return this.access?.columns ?? [];
  }

  /** Throws unless the grant gives access, naming the port and the principal. */
  assertSuccess(): void {
    if (this.success) return;
    throw new Error(
      `${this.principal.node.path} can read no column of ${this.port.productId}/${this.port.model.name}: its clearance or purpose hides every column asked for`,
    );
  }

  /** Makes each of `dependents` wait until the access exists (Terraform `depends_on`). */
  applyBefore(...dependents: TerraformResource[]): void {
    const mine = this.resources.map(dependable);
    for (const d of dependents) d.dependsOn = [...new Set([...(d.dependsOn ?? []), ...mine])];
  }
}

import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MeshSpec, buildMesh } from '../../lib';
import { AccessPrincipal, EffectiveAccess } from '../../lib/readback/effective-access';
import { synthesizeMesh } from '../../stacks/synthesize';
import { exampleSpec } from '../helpers/synth';

/** A product role of the `acme` naming scheme in an environment (`acme-dev-...`, account by environment). */
export function productRole(environment: string, product: string, role: string, members: string[] = []): AccessPrincipal {
  const roleName = `acme-${environment}-${product.replace('.', '-')}-${role}`;
  return {
    arn: `arn:aws:iam::${accountOf(environment)}:role/${roleName}`,
    roleName,
    kind: 'product-role',
    product,
    role,
    members: { principals: members, attributeRules: [] },
  };
}

const accountOf = (environment: string) => (environment === 'prod' ? '222222222222' : '111111111111');

/** One effective access of a principal to a product's table, reading everything unless told otherwise. */
export function access(principal: AccessPrincipal, product: string, table: string, more: Partial<EffectiveAccess> = {}): EffectiveAccess {
  const environment = principal.roleName.split('-')[1];
  return {
    environment,
    stack: `acme-${environment}`,
    account: accountOf(environment),
    principal,
    database: `acme_${environment}_${product.replace('.', '_')}`,
    table,
    product,
    columns: ['amount', 'country', 'txn_id'],
    permissions: ['DESCRIBE', 'SELECT'],
    grantable: [],
    ...more,
  };
}

/** Synthesizes a mesh into a fresh temporary cdktf.out and returns its path. */
export function synthesizeToTemp(spec: MeshSpec): string {
  const outdir = mkdtempSync(join(tmpdir(), 'meshgrant-reports-'));
  synthesizeMesh(buildMesh(spec), { outdir });
  return outdir;
}

/** The example with the fraud analysts added to the Analysts of payments.refunds. */
export function specWithFraudAnalystsOnRefunds(): MeshSpec {
  const spec = exampleSpec();
  const refunds = spec.products!.find((p) => p.id === 'payments.refunds')!;
  (refunds.roles!.analyst!.members as { groups: string[] }).groups.push('fraud-analysts');
  return spec;
}

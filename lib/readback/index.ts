/**
 * Effective access read back from synthesized Terraform JSON. Interprets the IAM and Lake
 * Formation resources themselves and shares no code with the constructs that wrote them: it is
 * the independent check that they grant exactly what was declared.
 */
import { readAccessReport } from './access-report';
import { EffectiveAccess } from './effective-access';

export * from './effective-access';
export { readAccessReport, readChangedAccess } from './access-report';
export type { AccessReport, BlockedAccess, IamOpenAccess, ReadbackProblem } from './access-report';
export { IAM_ALLOWED_PRINCIPALS } from './iam-open';

/**
 * Who can access which table, columns and rows, with which permissions, in every stack of a
 * cdktf output (`cdktf.out`, a stack folder, or one `cdk.tf.json`). Only access IAM lets the
 * principal use is listed (see `readAccessReport` for the rest). Sorted by environment, stack,
 * principal ARN, database and table.
 *
 * @example
 * const prodPii = readAccess('cdktf.out').filter((a) => a.environment === 'prod');
 */
export function readAccess(outdir: string): EffectiveAccess[] {
  return [...readAccessReport(outdir).access];
}

import { Mesh, environmentLfTags } from '../lib';
import { LakeProduct, LakeFoundation, LakePurposeRole } from '../constructs';
import { TerraformStack } from '../constructs/cdktf';

/** The example mesh's payments product and some of its readers, granted by hand in a stack of your own. */
export function grantByHand(stack: TerraformStack, mesh: Mesh, environment: string): void {
  const env = mesh.environment(environment);
  // Once per stack: the constructs below find the environment and classification here.
  new LakeFoundation(stack, 'lake', { environment: env, classification: mesh.classification, tags: environmentLfTags(mesh, env.name) });
  const product = new LakeProduct(stack, 'payments-transactions', { product: mesh.product('payments.transactions') });
  const consumer = new LakeProduct(stack, 'marketing-attribution', { product: mesh.product('marketing.attribution') });
  const fraudDetection = new LakePurposeRole(stack, 'purpose-fraud-detection', { purpose: mesh.purpose('fraud-detection') });

  const port = product.port('transactions');
  port.grantRead(product.roles.analyst); // tag-based, within the Analyst's clearance
  port.grantRead(fraudDetection, { rows: "country = 'FR'" }); // a data cells filter
  port.grantRead(consumer.roles.engineer, { columns: ['txn_id', 'amount'] }); // those columns, by name
  port.grantWrite(product.roles.engineer); // plus write on the product's storage
}

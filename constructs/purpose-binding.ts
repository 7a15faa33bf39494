import { PurposeBinding } from '../lib/model';
import { Construct } from './cdktf';
import { LakeProduct } from './data-product';
import { PortGrant } from './port-grant';
import { LakePurposeRole } from './purpose-role';

/** Props of {@link LakePurposeBinding}. */
export interface LakePurposeBindingProps {
  readonly product: LakeProduct;
  readonly purpose: LakePurposeRole;
  readonly binding: PurposeBinding;
}

/**
 * A product's owner binding it to a purpose, in code: the purpose role reads each bound port,
 * limited to the binding's columns and rows and to the classes the purpose allows.
 * (`EnvironmentStack` deploys bindings from the mesh's access plan instead.)
 */
export class LakePurposeBinding extends Construct {
  /** One grant per bound port. */
  readonly grants: readonly PortGrant[];

  constructor(scope: Construct, id: string, props: LakePurposeBindingProps) {
    super(scope, id);
    const { product, purpose, binding } = props;
    this.grants = binding.ports.map((name) => product.port(name).grants.read(purpose, { columns: binding.columns, rows: binding.rows }));
  }
}

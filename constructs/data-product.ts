import { DataProduct, PRODUCT_ROLES, ProductRoleName } from '../lib/model';
import { productDatabaseName, productStoragePrefix } from '../lib/aws/names';
import { GlueCatalogDatabase, LakeformationResource } from './aws';
import { Construct } from './cdktf';
import { LakeFoundation } from './lake-foundation';
import { ExternalCatalog } from './external-catalog';
import { DataLocation, ProductDatabase } from './lake-principal';
import { LfTagAssignment } from './lf-tag-assignment';
import { databaseLfTags } from '../lib/aws/lf-tag-ontology';
import { LakePort } from './output-port';
import { LakeProductRole } from './product-role';

/** Props of {@link LakeProduct}. */
export interface LakeProductProps {
  readonly product: DataProduct;
}

/**
 * A data product in one environment: its Glue database (tagged with domain, product and default
 * classification), its storage registered with Lake Formation, its output ports and its three
 * roles, created empty of access. Grants are made on the ports (`port.grantRead(role)`). The
 * environment and classification come from the stack's {@link LakeFoundation}.
 */
export class LakeProduct extends Construct {
  readonly model: DataProduct;
  /** The Glue database, or undefined when it exists already (`catalog.owner: external`). */
  readonly database?: GlueCatalogDatabase;
  readonly location: DataLocation;
  readonly roles: Readonly<Record<ProductRoleName, LakeProductRole>>;
  private readonly ports = new Map<string, LakePort>();

  constructor(scope: Construct, id: string, props: LakeProductProps) {
    super(scope, id);
    const { product } = props;
    const foundation = LakeFoundation.of(this);
    const { environment: env, classification: c } = foundation;
    this.model = product;
    const databaseName = productDatabaseName(env, product);
    const prefix = productStoragePrefix(product);
    const locationUri = `s3://${env.dataBucket}/${prefix}/`;
    if (product.catalog.owner === 'meshgrant') {
      this.database = new GlueCatalogDatabase(this, 'database', {
        name: databaseName,
        description: `${product.title} (${product.id}); owner ${product.owner}`,
        locationUri,
        // Created after the data lake settings, so that it takes their (empty) default permissions.
        dependsOn: foundation.settings ? [foundation.settings] : [],
        lifecycle: { preventDestroy: true },
      });
    } else {
      // Another tool created it: tagged and granted by name, never created, changed or destroyed here.
      ExternalCatalog.of(this).addDatabase({ name: databaseName, location: locationUri });
    }
    const arn = `arn:aws:s3:::${env.dataBucket}/${prefix}`;
    const registration = new LakeformationResource(this, 'storage', { arn, useServiceLinkedRole: true });
    this.location = { bucket: env.dataBucket, prefix, arn, registration };

    const tags = new LfTagAssignment(this, 'database-tags', {
      target: { database: { name: databaseName } },
      resource: this.database,
      foundation,
      tags: databaseLfTags(c, product),
    });
    const database: ProductDatabase = { name: databaseName, tags };

    for (const port of product.outputPorts) {
      this.ports.set(
        port.name,
        new LakePort(this, `port-${port.name}`, {
          productId: product.id,
          port,
          database,
          location: this.location,
        }),
      );
    }
    this.roles = Object.fromEntries(
      PRODUCT_ROLES.map((r) => [r, new LakeProductRole(this, r, { product, role: product.roles[r] })]),
    ) as Record<ProductRoleName, LakeProductRole>;
  }

  /** The output port called `name`. */
  port(name: string): LakePort {
    const port = this.ports.get(name);
    if (port === undefined) throw new Error(`data product ${this.model.id} has no output port ${name}`);
    return port;
  }
}

import { Classification, Environment, PRODUCT_ROLES, ACCESS_LEVELS } from '../lib/model';
import { LakeformationDataLakeSettings, LakeformationLfTag } from './aws';
import { Construct } from './cdktf';
import { LF_TAG } from '../lib/aws/lf-tag-ontology';

/** Props of {@link LakeFoundation}. */
export interface LakeFoundationProps {
  readonly environment: Environment;
  readonly classification: Classification;
  /** Domains with a product in this environment. */
  readonly domains: readonly string[];
  /** Product ids promoted to this environment. */
  readonly products: readonly string[];
  /** Purposes bound to a product of this environment. */
  readonly purposes: readonly string[];
}

/**
 * What one account-region needs once: the data lake settings (authoritative, so owned by exactly
 * one construct per account) and the LF-tag ontology every product's tags and grants refer to.
 */
export class LakeFoundation extends Construct {
  /** The data lake settings, when this environment owns them; databases must be created after them. */
  readonly settings?: LakeformationDataLakeSettings;
  private readonly tags = new Map<string, LakeformationLfTag>();

  constructor(scope: Construct, id: string, props: LakeFoundationProps) {
    super(scope, id);
    const env = props.environment;
    if (env.manageDataLakeSettings) {
      // Omitted default-permission blocks are cleared: new databases and tables then get no
      // IAM_ALLOWED_PRINCIPALS grant, so Lake Formation, not IAM alone, governs them.
      this.settings = new LakeformationDataLakeSettings(this, 'settings', {
        admins: [...new Set([env.deployRoleArn, ...env.lakeAdmins])].sort(),
      });
    }
    const c = props.classification;
    const define = (key: string, values: readonly string[]) => {
      const tag = new LakeformationLfTag(this, `tag-${key}`, {
        key,
        values: [...new Set(values)].sort(),
        dependsOn: this.settings ? [this.settings] : [],
      });
      this.tags.set(key, tag);
    };
    define(LF_TAG.domain, props.domains);
    define(LF_TAG.product, props.products);
    define(LF_TAG.classification, c.levels);
    for (const cls of c.classNames) define(LF_TAG.classKey(cls), [LF_TAG.yes, LF_TAG.no]);
    for (const role of PRODUCT_ROLES) define(LF_TAG.accessKey(role), ACCESS_LEVELS);
    for (const p of props.purposes) define(LF_TAG.purposeKey(p), [LF_TAG.allowed, LF_TAG.bound]);
  }

  /** The LF-tag definitions for these keys, for `depends_on` (tags must exist before use). */
  tagsFor(keys: Iterable<string>): LakeformationLfTag[] {
    const out: LakeformationLfTag[] = [];
    for (const k of new Set(keys)) {
      const tag = this.tags.get(k);
      if (tag === undefined) throw new Error(`LF-tag key ${k} is not defined in this environment`);
      out.push(tag);
    }
    return out;
  }
}

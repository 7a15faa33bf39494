import type { Attribute } from '../lib/abac/attributes';
import { Classification, Environment } from '../lib/model';
import { LakeformationDataLakeSettings, LakeformationLfTag } from './aws';
import { Construct, IConstruct, TerraformStack } from './cdktf';

/** Lake Formation's name for "whatever IAM allows": the account's default grant before Lake Formation governs. */
const IAM_ALLOWED_PRINCIPALS = 'IAM_ALLOWED_PRINCIPALS';

/** The foundation of each stack, found by the constructs made in it. */
const FOUNDATIONS = new WeakMap<TerraformStack, LakeFoundation>();

/** Props of {@link LakeFoundation}. */
export interface LakeFoundationProps {
  readonly environment: Environment;
  /** The mesh's classification: products tag their columns with it, roles read within it. */
  readonly classification: Classification;
  /** The LF-tags to define, key -> values, in definition order: `environmentLfTags(mesh, env)`. */
  readonly tags: ReadonlyMap<string, readonly string[]>;
  /**
   * The mesh's declared attributes of people: how each travels in a session tag, which the trust
   * policies of roles with attribute rules follow.
   * @default - none declared: attribute rules compare session tags as written
   */
  readonly attributes?: readonly Attribute[];
}

/**
 * What one account-region needs once: the data lake settings (authoritative, so owned by exactly
 * one construct per account) and the LF-tag ontology every product's tags and grants refer to.
 * The products, roles and purposes made in the same stack find it, and the environment and
 * classification it holds, with {@link LakeFoundation.of}.
 */
export class LakeFoundation extends Construct {
  /** The foundation of the stack that holds `scope`. */
  static of(scope: IConstruct): LakeFoundation {
    const foundation = FOUNDATIONS.get(TerraformStack.of(scope));
    if (foundation === undefined)
      throw new Error(`${scope.node.path}: make a LakeFoundation in its stack first; meshgrant constructs find their environment there`);
    return foundation;
  }

  readonly environment: Environment;
  readonly classification: Classification;
  /** The mesh's declared attributes of people (empty when none). */
  readonly attributes: readonly Attribute[];
  /** The data lake settings, when this environment owns them; databases must be created after them. */
  readonly settings?: LakeformationDataLakeSettings;
  private readonly tags = new Map<string, LakeformationLfTag>();

  constructor(scope: Construct, id: string, props: LakeFoundationProps) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    if (FOUNDATIONS.has(stack))
      throw new Error(`${this.node.path}: stack ${stack.node.id} already has a LakeFoundation; an account-region has one`);
    FOUNDATIONS.set(stack, this);
    const env = props.environment;
    this.environment = env;
    this.classification = props.classification;
    this.attributes = props.attributes ?? [];
    if (env.manageDataLakeSettings) {
      // Omitted default-permission blocks are cleared: new databases and tables then get no
      // IAM_ALLOWED_PRINCIPALS grant, so Lake Formation, not IAM alone, governs them. In hybrid
      // mode they are written as AWS sets them, so that the lake's IAM readers keep their access.
      const iamDefaults = env.accessMode === 'hybrid' ? [{ principal: IAM_ALLOWED_PRINCIPALS, permissions: ['ALL'] }] : undefined;
      this.settings = new LakeformationDataLakeSettings(this, 'settings', {
        admins: [...new Set([env.deployRoleArn, ...env.lakeAdmins])].sort(),
        ...(iamDefaults ? { createDatabaseDefaultPermissions: iamDefaults, createTableDefaultPermissions: iamDefaults } : {}),
      });
    }
    for (const [key, values] of props.tags) {
      this.tags.set(
        key,
        new LakeformationLfTag(this, `tag-${key}`, {
          key,
          values: [...values],
          dependsOn: this.settings ? [this.settings] : [],
        }),
      );
    }
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

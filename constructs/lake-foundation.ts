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
  /**
   * The foundation of the environment's foundation stack, when this one stands for it in a stack
   * of one domain: the data lake settings and LF-tags are defined and applied there, this stack
   * is applied after it (a stack dependency) and names them by their literal keys and values only.
   * @default - this foundation defines them
   */
  readonly definedIn?: LakeFoundation;
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
  /** Every LF-tag key of the environment, and its definition when this foundation makes it. */
  private readonly tags = new Map<string, LakeformationLfTag | undefined>();

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
    if (props.definedIn !== undefined) {
      // Literal names only, no expression across stacks: this stack plans offline, on its own.
      stack.addDependency(TerraformStack.of(props.definedIn));
      for (const key of props.tags.keys()) this.tags.set(key, undefined);
      return;
    }
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

  /**
   * The LF-tag definitions for these keys made in this stack, for `depends_on` (tags must exist
   * before use); none in a domain's stack, which is applied after the foundation's.
   */
  tagsFor(keys: Iterable<string>): LakeformationLfTag[] {
    const out: LakeformationLfTag[] = [];
    for (const k of new Set(keys)) {
      if (!this.tags.has(k)) throw new Error(`LF-tag key ${k} is not defined in this environment`);
      const tag = this.tags.get(k);
      if (tag !== undefined) out.push(tag);
    }
    return out;
  }
}

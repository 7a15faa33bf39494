import { LakeformationResourceLfTags, LakeformationResourceLfTagsConfig } from './aws';
import { Construct, ITerraformDependable, Lazy, dependable } from './cdktf';
import { LakeFoundation } from './lake-foundation';

/** Props of {@link LfTagAssignment}. */
export interface LfTagAssignmentProps {
  /** What is tagged: a database or a table. */
  readonly target: Pick<LakeformationResourceLfTagsConfig, 'database' | 'table'>;
  /**
   * The Glue resource tagged; the assignment is made after it.
   * @default - none: the database or table exists already (owned elsewhere)
   */
  readonly resource?: ITerraformDependable;
  readonly foundation: LakeFoundation;
  /** Tags known at construction. */
  readonly tags?: readonly { key: string; value: string }[];
}

/**
 * The one LF-tag assignment of a database or table. Grants add tags to it as they are made: its
 * tags are produced once every grant is known, and it waits for the definition of each key.
 */
export class LfTagAssignment extends Construct {
  /** The assignment resource, for `depends_on`. */
  readonly resource: LakeformationResourceLfTags;
  private readonly tags = new Map<string, string>();
  private readonly props: LfTagAssignmentProps;

  constructor(scope: Construct, id: string, props: LfTagAssignmentProps) {
    super(scope, id);
    this.props = props;
    // `Default` keeps the resource's Terraform address that of this construct.
    this.resource = new LakeformationResourceLfTags(this, 'Default', {
      ...props.target,
      lfTag: Lazy.anyValue({ produce: () => [...this.tags.keys()].sort().map((key) => ({ key, value: this.tags.get(key)! })) }),
    });
    for (const t of props.tags ?? []) this.set(t.key, t.value);
  }

  /** Assigns `key = value`; a resource holds one value per key, so another value is an error. */
  set(key: string, value: string): void {
    const known = this.tags.get(key);
    if (known !== undefined && known !== value) throw new Error(`${this.node.path}: LF-tag ${key} cannot be both ${known} and ${value}`);
    if (known !== undefined) return;
    this.tags.set(key, value);
    const tagged = this.props.resource === undefined ? [] : [this.props.resource];
    this.resource.dependsOn = [...tagged, ...this.props.foundation.tagsFor(this.tags.keys())].map(dependable);
  }
}

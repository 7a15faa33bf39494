import { LakeformationResourceLfTags, LakeformationResourceLfTagsConfig } from './aws';
import { Construct, ITerraformDependable, Lazy, dependable } from './cdktf';
import { LakeFoundation } from './lake-foundation';

/** Props of {@link LfTagAssignment}. */
export interface LfTagAssignmentProps {
  /** What is tagged: a database or a table. */
  readonly target: Pick<LakeformationResourceLfTagsConfig, 'database' | 'table'>;
  /** The Glue resource tagged; the assignment is made after it. */
  readonly resource: ITerraformDependable;
  readonly foundation: LakeFoundation;
  /** Tags known at construction. */
  readonly tags?: readonly { key: string; value: string }[];
}

/**
 * The one LF-tag assignment of a database or table. Grants add tags to it as they are made, so
 * its tags and the tag definitions it waits for are produced once every grant is known.
 */
export class LfTagAssignment extends Construct {
  /** The assignment resource, for `depends_on`. */
  readonly resource: LakeformationResourceLfTags;
  private readonly tags = new Map<string, string>();

  constructor(scope: Construct, id: string, props: LfTagAssignmentProps) {
    super(scope, id);
    for (const t of props.tags ?? []) this.set(t.key, t.value);
    // `Default` keeps the resource's Terraform address that of this construct.
    this.resource = new LakeformationResourceLfTags(this, 'Default', {
      ...props.target,
      lfTag: Lazy.anyValue({ produce: () => [...this.tags.keys()].sort().map((key) => ({ key, value: this.tags.get(key)! })) }),
    });
    this.resource.addOverride(
      'depends_on',
      Lazy.listValue({ produce: () => [props.resource, ...props.foundation.tagsFor(this.tags.keys())].map(dependable) }),
    );
  }

  /** Assigns `key = value`; a resource holds one value per key, so another value is an error. */
  set(key: string, value: string): void {
    const known = this.tags.get(key);
    if (known !== undefined && known !== value) throw new Error(`${this.node.path}: LF-tag ${key} cannot be both ${known} and ${value}`);
    this.tags.set(key, value);
  }
}

import { LF_TAG } from '../../../aws/lf-tag-ontology';
import type { SpecPath } from '../../../model/problems';
import type { PolicyRule, Violation } from '../../rule';
import { LF_TAG_LIMITS } from '../../../aws/limits';

function tooLong(text: string, path: SpecPath, what: string, fix: string): Violation[] {
  if (text.length <= LF_TAG_LIMITS.length) return [];
  return [
    { path, message: `${what} \`${text}\` has ${text.length} characters; Lake Formation accepts at most ${LF_TAG_LIMITS.length}`, fix },
  ];
}

/** Tag keys and values come from names in the spec; the model's name limits are wider than Lake Formation's. */
export const lfTagLength: PolicyRule = {
  id: 'aws/lf-tag-length',
  severity: 'error',
  description: `Every LF-tag key and value meshgrant derives from the spec (product ids, levels, \`class-<class>\`, \`purpose-<purpose>\`) has at most ${LF_TAG_LIMITS.length} characters.`,
  rationale:
    'Access is granted through LF-tags named after products, levels, classes and purposes. Lake Formation rejects keys and values longer than 50 characters, and unlike IAM role names they cannot be shortened with a hash without breaking the tag expressions people read in audits.',
  *check({ mesh }): Iterable<Violation> {
    for (const p of mesh.products) {
      yield* tooLong(
        p.id,
        [...p.specPath, 'id'],
        `product ${p.id}: LF-tag value (${LF_TAG.product})`,
        'shorten the product name (the part after the dot)',
      );
    }
    for (const purpose of mesh.purposes) {
      yield* tooLong(
        LF_TAG.purposeKey(purpose.name),
        [...purpose.specPath, 'name'],
        `purpose ${purpose.name}: LF-tag key`,
        `shorten the purpose name to ${LF_TAG_LIMITS.length - LF_TAG.purposeKey('').length} characters`,
      );
    }
    for (const c of mesh.classification.classNames) {
      yield* tooLong(
        LF_TAG.classKey(c),
        ['classification', 'classes', c],
        `class ${c}: LF-tag key`,
        `shorten the class name to ${LF_TAG_LIMITS.length - LF_TAG.classKey('').length} characters`,
      );
    }
    for (const [i, level] of mesh.classification.levels.entries()) {
      yield* tooLong(
        level,
        ['classification', 'levels', i],
        `level ${level}: LF-tag value (${LF_TAG.classification})`,
        'shorten the level name',
      );
    }
  },
};

import { databaseLfTags } from '../../../aws/lf-tag-ontology';
import type { PolicyRule, Violation } from '../../rule';
import { LF_TAG_LIMITS } from '../../../aws/limits';

/**
 * Counts follow the tag ontology of docs/aws-mapping.md (tags assigned directly to the resource).
 * A database carries `purpose-<p> = bound` for every purpose bound to its product, and a table at
 * most one `access-<role>` per role and one `purpose-<p> = allowed` per purpose reading it whole:
 * a table never carries more tags than its database, so checking databases is enough.
 */
export const lfTagsPerResource: PolicyRule = {
  id: 'aws/lf-tags-per-resource',
  severity: 'error',
  description: `No database or table carries more than ${LF_TAG_LIMITS.perResource} LF-tags: on each product database, one per class and one per purpose bound to the product (its tables carry fewer).`,
  rationale:
    'A resource holds one value per LF-tag key, so meshgrant uses one key per class, role and purpose. Lake Formation accepts at most 50 LF-tags on a resource; the tagging of a database or table past that fails at apply time.',
  *check({ mesh }): Iterable<Violation> {
    if (mesh.products.length === 0) return;
    // The same number on every product database: domain, product, default level, one per class.
    const onEveryDatabase = databaseLfTags(mesh.classification, mesh.products[0]).length;
    const perClass = mesh.classification.classNames.length;
    if (onEveryDatabase > LF_TAG_LIMITS.perResource) {
      yield {
        path: ['classification', 'classes'],
        message: `every product database would carry ${onEveryDatabase} LF-tags (${onEveryDatabase - perClass} + one per class); Lake Formation accepts ${LF_TAG_LIMITS.perResource}`,
        fix: `merge classes: at most ${LF_TAG_LIMITS.perResource - (onEveryDatabase - perClass)} classes`,
      };
      return;
    }
    for (const p of mesh.products) {
      const bound = new Set(p.purposes.map((b) => b.purpose)).size;
      if (onEveryDatabase + bound <= LF_TAG_LIMITS.perResource) continue;
      yield {
        path: [...p.specPath, 'purposes'],
        message: `product ${p.id}: its database would carry ${onEveryDatabase + bound} LF-tags (${onEveryDatabase} + one per purpose bound to the product: ${bound}); Lake Formation accepts ${LF_TAG_LIMITS.perResource}`,
        fix: `bind the product to at most ${LF_TAG_LIMITS.perResource - onEveryDatabase} purposes`,
      };
    }
  },
};

import { PRODUCT_ROLES } from '../../../model/product-role';
import type { PolicyRule, Violation } from '../../rule';
import { LF_TAG_LIMITS } from './lf-tag-limits';

/** Tags on every product database: `domain`, `dataproduct`, `classification`, then one `class-<c>` per class. */
const DATABASE_BASE_TAGS = 3;

/** Counts follow the tag ontology of docs/aws-mapping.md (tags assigned directly to the resource). */
export const lfTagsPerResource: PolicyRule = {
  id: 'aws/lf-tags-per-resource',
  severity: 'error',
  description: `No database or table carries more than ${LF_TAG_LIMITS.perResource} LF-tags: one per class on each database, one per role and per purpose reading it whole on each table.`,
  rationale:
    'A resource holds one value per LF-tag key, so meshgrant uses one key per class, role and purpose. Lake Formation accepts at most 50 LF-tags on a resource; the tagging of a database or table past that fails at apply time.',
  *check({ mesh }): Iterable<Violation> {
    const onDatabase = DATABASE_BASE_TAGS + mesh.classification.classNames.length;
    if (onDatabase > LF_TAG_LIMITS.perResource) {
      yield {
        path: ['classification', 'classes'],
        message: `every product database would carry ${onDatabase} LF-tags (${DATABASE_BASE_TAGS} + one per class); Lake Formation accepts ${LF_TAG_LIMITS.perResource}`,
        fix: `merge classes: at most ${LF_TAG_LIMITS.perResource - DATABASE_BASE_TAGS} classes`,
      };
    }
    for (const p of mesh.products) {
      for (const [i, port] of p.outputPorts.entries()) {
        // A purpose tag marks a table the purpose reads whole; column or row subsets use data cells filters.
        const purposes = p.purposes.filter((b) => b.ports.includes(port.name) && b.columns === undefined && b.rows === undefined);
        const onTable = PRODUCT_ROLES.length + purposes.length;
        if (onTable <= LF_TAG_LIMITS.perResource) continue;
        yield {
          path: [...p.specPath, 'outputPorts', i],
          message: `product ${p.id}: table of port ${port.name} would carry ${onTable} LF-tags (${PRODUCT_ROLES.length} role tags + ${purposes.length} purposes reading it whole); Lake Formation accepts ${LF_TAG_LIMITS.perResource}`,
          fix: 'bind fewer purposes to the port, or give some bindings a column list (served by data cells filters, not tags)',
        };
      }
    }
  },
};

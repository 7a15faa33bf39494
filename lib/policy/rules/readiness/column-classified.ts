import type { PolicyRule, Violation } from '../../rule';

/** Reasons that say nothing; a reviewer must be able to judge the reason. */
const PLACEHOLDERS = new Set(['', '-', '?', 'n/a', 'na', 'none', 'tbd', 'todo', 'unknown', 'unclassified']);

/**
 * Column-level access is driven by classification: an untagged column silently falls to the
 * default level, so "not sensitive" must be a decision, not an omission.
 */
export const columnClassified: PolicyRule = {
  id: 'readiness/column-classified',
  severity: 'error',
  description: 'Every column carries entity tags, or is explicitly `unclassified` with a reason (not both).',
  rationale:
    'Which columns a role or purpose may read is computed from entity tags; a column without tags gets the default level and may be shown to everyone. Declaring `unclassified: <reason>` records that someone looked at the column and decided it is not sensitive.',
  *check({ mesh }): Iterable<Violation> {
    for (const p of mesh.products) {
      for (const port of p.outputPorts) {
        for (const c of port.columns) {
          const path = c.specPath;
          const where = `product ${p.id}: port ${port.name}: column ${c.name}`;
          if (c.tags.length > 0 && c.unclassified !== undefined) {
            yield {
              path: [...path, 'unclassified'],
              message: `${where} has entity tags and is also marked unclassified`,
              fix: 'keep the tags and remove `unclassified`, or remove the tags if the column is truly not sensitive',
            };
          } else if (c.tags.length === 0 && c.unclassified === undefined) {
            yield {
              path,
              message: `${where} has no entity tags and is not marked unclassified`,
              fix: `add the entity tags it holds (e.g. \`tags: [${mesh.classification.entities.slice(0, 2).join(', ')}]\`) or \`unclassified: <why it is not sensitive>\``,
            };
          } else if (c.tags.length === 0 && PLACEHOLDERS.has(c.unclassified!.trim().toLowerCase())) {
            yield {
              path: [...path, 'unclassified'],
              message: `${where} is marked unclassified without a real reason (\`${c.unclassified}\`)`,
              fix: 'say why the column is not sensitive, e.g. `unclassified: Opaque surrogate key`',
            };
          }
        }
      }
    }
  },
};

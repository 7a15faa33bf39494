import type { PolicyRule, Violation } from '../../rule';

/** Consumers choose products from the catalogue by their description. */
export const description: PolicyRule = {
  id: 'readiness/description',
  severity: 'error',
  description: 'Every product has a description.',
  rationale:
    'Consumers discover products through the catalogue; a product without a description cannot be judged fit for a purpose, and approvers cannot tell what they are admitting people to.',
  *check({ mesh }): Iterable<Violation> {
    for (const p of mesh.products) {
      if ((p.description ?? '').trim() !== '') continue;
      yield {
        path: [...p.specPath, 'info'],
        message: `product ${p.id} has no description`,
        fix: 'add `info.description`: what the data is, its grain and how fresh it is',
      };
    }
  },
};

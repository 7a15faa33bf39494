import type { PolicyRule, Violation } from '../../rule';

/** Warning by default: small teams may accept it, with a suppression that says why. */
export const separationOfDuties: PolicyRule = {
  id: 'security/separation-of-duties',
  severity: 'warning',
  description: "A product's owner is not the approver of a purpose the product is bound to.",
  rationale:
    "Purpose binding is a two-key model: the product owner decides what a purpose may see, the purpose's approver decides who works for it. When one person holds both keys they alone decide who reads the product's data; that needs an explicit, reasoned exception.",
  *check({ mesh }): Iterable<Violation> {
    for (const p of mesh.products) {
      for (const [i, b] of p.purposes.entries()) {
        const purpose = mesh.purpose(b.purpose);
        if (purpose.approver !== p.owner) continue;
        yield {
          path: [...p.specPath, 'purposes', i],
          message: `product ${p.id}: its owner ${p.owner} is also the approver of purpose ${purpose.name}, which the product is bound to`,
          fix: `name another approver for ${purpose.name}, or suppress with a reason: \`{ rule: security/separation-of-duties, target: purposes[${i}], reason: <why it is acceptable> }\``,
        };
      }
    }
  },
};

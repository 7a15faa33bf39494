import { landsOn } from '../../../abac/table-decision';
import type { DataProduct } from '../../../model/data-product';
import { tableFacts } from '../../../model/global-policies';
import type { Mesh } from '../../../model/mesh';
import type { PolicyRule, Violation } from '../../rule';
import { hasEmptyRoles } from './empty-roles';

/** Purpose binding is how data is consumed with a stated reason; a product without one serves nobody by policy. */
export const purposeBinding: PolicyRule = {
  id: 'readiness/purpose-binding',
  severity: 'error',
  description:
    'Every product is bound to at least one purpose, or a global subscription lands on one of its ports (once any of its roles has a member).',
  rationale:
    'Purpose limitation: outside the product team, data is read for a declared purpose that an approver controls. A product without any purpose binding either serves nobody or is consumed around the governance model.',
  *check({ mesh }): Iterable<Violation> {
    const names = mesh.purposes.map((p) => p.name);
    for (const p of mesh.products) {
      if (p.purposes.length > 0 || hasEmptyRoles(p) || subscribed(mesh, p)) continue;
      yield {
        path: [...p.specPath, 'purposes'],
        message: `product ${p.id} is bound to no purpose`,
        fix:
          names.length > 0
            ? `add a binding such as \`purposes: [{ purpose: ${names[0]}, ports: [${p.outputPorts[0].name}] }]\` (purposes: ${names.join(', ')})`
            : 'declare a purpose in the mesh (`purposes`) and bind the product to it under `purposes`',
      };
    }
  },
};

/** True when a global subscription (policies.yaml) lands on one of the product's ports: a governed way in besides purposes. */
function subscribed(mesh: Mesh, p: DataProduct): boolean {
  const subscriptions = mesh.policies.filter((g) => g.kind === 'subscription');
  return p.outputPorts.some((port) => subscriptions.some((g) => landsOn(g.on, tableFacts(p, port))));
}

import { DataProduct, Mesh } from '../../lib';
import type { MemberEntry } from '../../lib/model/members';

/** A mesh's content without where it came from: spec paths differ when products come from files in name order. */
export function modelContent(mesh: Mesh) {
  const { name, classification, environments, domains, purposes, products, policy, attributes } = mesh;
  return {
    attributes,
    policies: mesh.policies.map(({ specPath: _p, ...rest }) => rest),
    name,
    classification,
    environments,
    domains,
    policy,
    purposes: purposes.map(({ specPath: _p, ...rest }) => rest),
    products: products.map(productContent),
  };
}

/** A product without its spec path, nor those of its columns, grants, purpose bindings and role members. */
function productContent({ specPath: _p, outputPorts, grants, purposes, roles, expired, ...rest }: DataProduct) {
  const withoutPaths = (entries: readonly MemberEntry[]) => entries.map(({ specPath: _e, ...entry }) => entry);
  return {
    ...rest,
    roles: Object.fromEntries(
      Object.entries(roles).map(([name, role]) => [
        name,
        { ...role, members: { ...role.members, entries: withoutPaths(role.members.entries), expired: withoutPaths(role.members.expired) } },
      ]),
    ),
    outputPorts: outputPorts.map((o) => ({ ...o, columns: o.columns.map(({ specPath: _c, ...column }) => column) })),
    grants: grants.map(({ specPath: _g, ...grant }) => grant),
    purposes: purposes.map(({ specPath: _b, ...binding }) => binding),
    expired: {
      grants: expired.grants.map(({ specPath: _g, ...grant }) => grant),
      purposes: expired.purposes.map(({ specPath: _b, ...binding }) => binding),
    },
  };
}

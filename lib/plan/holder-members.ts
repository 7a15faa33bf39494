import type { Mesh } from '../model/mesh';
import { Members, normalizeMembers } from '../model/members';
import type { NamedHolder } from './named-holder';

/** Who may act as a named holder: a product role's members, a purpose's members, or the one person of an override. */
export function holderMembers(mesh: Mesh, holder: NamedHolder): Members {
  switch (holder.kind) {
    case 'role':
      return mesh.product(holder.product).roles[holder.role].members;
    case 'purpose':
      return mesh.purpose(holder.purpose).members;
    case 'override':
      return normalizeMembers({ users: [holder.user] });
  }
}

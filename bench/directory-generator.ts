/**
 * A seeded SCIM directory export for a generated mesh (bench/generator.ts): people in the groups
 * its environments map (mostly domain analysts and engineers, some purpose teams), with a
 * department and a country that its attribute rules select on, and the mesh's named users.
 */
import { MeshSpec } from '../lib/model';
import { SCIM } from '../lib/directory/scim';
import { COUNTRIES } from './generator';
import { Prng } from './prng';

/**
 * A SCIM `ListResponse` of `people` users, each listing the groups they belong to (`groups[]`
 * by display name), as identity providers export users. The mesh's users (`owner.1`, ...) are
 * the first people; the rest are `person.<n>`.
 */
export function generateScimExport(spec: MeshSpec, people: number, seed = 1): unknown {
  const rng = new Prng(seed);
  const groups = [...new Set(spec.environments.flatMap((e) => Object.keys(e.identity?.groups ?? {})))].sort();
  const users = [...new Set(spec.environments.flatMap((e) => Object.keys(e.identity?.users ?? {})))].sort();
  const departments = (spec.domains ?? []).map((d) => d.name);
  const resources = Array.from({ length: people }, (_, i) => ({
    schemas: [SCIM.user, SCIM.enterpriseUser],
    id: `u${i}`,
    userName: i < users.length ? users[i] : `person.${i}`,
    active: true,
    groups: rng.sample(groups, rng.int(1, 3)).map((g) => ({ display: g })),
    addresses: [{ country: rng.pick(COUNTRIES), primary: true }],
    [SCIM.enterpriseUser]: { department: rng.pick(departments) },
  }));
  return { schemas: [SCIM.listResponse], totalResults: people, Resources: resources };
}

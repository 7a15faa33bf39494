import { NAME_PATTERNS, productConstructId, purposeConstructId } from '../model/names';
import { ProblemCollector, SpecPath } from '../model/problems';
import { PRODUCT_ROLES } from '../model/product-role';
import { productDatabaseName, productRoleName, purposeRoleName } from './names';

/** What of a mesh spec its AWS names derive from (a `MeshSpec` is one). */
export interface NamingSpec {
  readonly environments?: readonly { readonly name: string; readonly prefix?: string }[];
  readonly products?: readonly {
    readonly id: string;
    readonly promotedTo?: readonly string[];
    readonly purposes?: readonly { readonly purpose: string }[];
    readonly catalog?: { readonly database?: string };
  }[];
  readonly purposes?: readonly { readonly name: string }[];
}

/** Something that gets AWS names in an environment: a product or a purpose. */
interface Named {
  readonly label: string;
  readonly path: SpecPath;
  /** Kind of name (`IAM role`, `Glue database`, `stack element`) -> the names it gets. */
  readonly names: readonly (readonly [string, string])[];
}

/**
 * Product ids and purpose names are distinct, but the AWS names made from them need not be:
 * `pay.x-y` and `pay-x.y` both become IAM role `<prefix>-pay-x-y-analyst` and Glue database
 * `<prefix>_pay_x_y`, a product of domain `purpose` can meet a purpose's role, and a name cut to
 * 64 characters can meet one that fits. Each colliding pair is reported once, on the later of the
 * two, naming both and the first name they share; synthesis would otherwise fail.
 */
export function checkNameCollisions(spec: NamingSpec, problems: ProblemCollector): void {
  const products = (spec.products ?? [])
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => typeof p.id === 'string' && NAME_PATTERNS.productId.test(p.id));
  const reported = new Set<string>();
  for (const env of spec.environments ?? []) {
    if (typeof env.name !== 'string' || !NAME_PATTERNS.environment.test(env.name)) continue;
    const naming = { prefix: env.prefix ?? `mg-${env.name}` };
    const here = products.filter(({ p }) => (p.promotedTo ?? []).includes(env.name));
    const named: Named[] = here.map(({ p, i }) => {
      const [domain, name] = p.id.split('.');
      return {
        label: `product ${p.id}`,
        path: ['products', i, 'id'],
        names: [
          ...PRODUCT_ROLES.map((role) => ['IAM role', productRoleName(naming, { domain, name }, role)] as const),
          ['Glue database', productDatabaseName(naming, { domain, name, catalog: p.catalog })] as const,
          ['stack element', productConstructId(p.id)] as const,
        ],
      };
    });
    const bound = new Set(here.flatMap(({ p }) => (p.purposes ?? []).map((b) => b.purpose)));
    (spec.purposes ?? []).forEach((purpose, i) => {
      if (!bound.has(purpose.name) || !NAME_PATTERNS.purpose.test(purpose.name)) return;
      named.push({
        label: `purpose ${purpose.name}`,
        path: ['purposes', i, 'name'],
        names: [
          ['IAM role', purposeRoleName(naming, purpose.name)],
          ['stack element', purposeConstructId(purpose.name)],
        ],
      });
    });
    const owners = new Map<string, Named>();
    for (const n of named) {
      for (const [kind, name] of n.names) {
        const key = `${kind}\u0000${name}`;
        const first = owners.get(key);
        if (first === undefined) {
          owners.set(key, n);
          continue;
        }
        const pair = [first.label, n.label].sort().join('\u0000');
        // The same id or name declared twice is reported as such by the model.
        if (first.label === n.label || reported.has(pair)) continue;
        reported.add(pair);
        problems.add(
          n.path,
          `${n.label} and ${first.label} would both be ${kind} \`${name}\` in environment ${env.name}`,
          'rename one of them: AWS names join domain and product with `-` (Glue databases with `_`), so ids that differ only in where `.`, `-` and `_` fall collide',
        );
      }
    }
  }
}

import { ProductCatalog, ProductCatalogSpec, checkProductCatalog, toProductCatalog } from './catalog-owner';
import type { Classification } from './classification';
import type { FilterReaders } from './check-row-filter';
import type { EnvironmentSpec } from './environment';
import { Approval, checkApproval, isExpired } from './approval';
import { Grant, GrantSpec, checkGrant, toGrant } from './grant';
import { NAME_PATTERNS } from './names';
import { Override, OverrideSpec, checkOverride, checkOverridesUnique, toOverride } from './override';
import { OutputPort, OutputPortSpec, checkPort, tableNameOf, toOutputPort } from './output-port';
import { ProductRole, ProductRoleName, ProductRoleSpec, checkRoles, toProductRoles } from './product-role';
import { SpecPath } from './problems';
import type { PurposeBinders, PurposeSpec } from './purpose';
import { PurposeBinding, PurposeBindingSpec, checkBinding, toPurposeBinding } from './purpose-binding';
import { SpecCheck } from './spec-check';
import { suggest } from './suggest';
import { SuppressionSpec } from './suppression';

/** Descriptive facts about a product (field names follow the Data Product Specification). */
export interface ProductInfoSpec {
  readonly title: string;
  readonly description?: string;
  /** Person accountable for the product. */
  readonly owner: string;
  /** Domain name; must equal the first part of the product id. */
  readonly domain: string;
}

/** A port of another product that this product reads. */
export interface InputPortSpec {
  /** Product id, `<domain>.<product>`. */
  readonly product: string;
  /** Output port of that product. */
  readonly port: string;
}

/** Governance policies a product declares. */
export interface ProductPoliciesSpec {
  /** How long data is kept, as an ISO 8601 duration (`P7Y`, `P90D`). */
  readonly retention?: string;
}

/** A data product. */
export interface DataProductSpec {
  /** `<domain>.<product>`, lower case, e.g. `payments.transactions`. */
  readonly id: string;
  readonly info: ProductInfoSpec;
  /** Environments the product is deployed to, e.g. `[dev]` then `[dev, prod]`. */
  readonly promotedTo: readonly string[];
  readonly outputPorts: readonly OutputPortSpec[];
  /**
   * Where the product's tables live and who creates its database.
   * @default - a database meshgrant creates, `<prefix>_<domain>_<product>`, over `<domain>/<product>` in the data bucket
   */
  readonly catalog?: ProductCatalogSpec;
  readonly inputPorts?: readonly InputPortSpec[];
  /** Members of the three product roles; a role left out exists, empty. */
  readonly roles?: Partial<Readonly<Record<ProductRoleName, ProductRoleSpec>>>;
  readonly grants?: readonly GrantSpec[];
  /** Purposes the product serves, and what each may see. */
  readonly purposes?: readonly PurposeBindingSpec[];
  /**
   * Manual overrides: named people the owner admits, with an approval and an expiry, to data
   * that roles and purposes do not open to them (docs/lifecycle.md).
   */
  readonly overrides?: readonly OverrideSpec[];
  readonly policies?: ProductPoliciesSpec;
  /** Policy findings this product's owner accepts, each with a reason. */
  readonly suppressions?: readonly SuppressionSpec[];
}

/** A validated data product. */
export interface DataProduct {
  readonly id: string;
  readonly domain: string;
  /** Second part of the id. */
  readonly name: string;
  readonly title: string;
  readonly description?: string;
  readonly owner: string;
  /** Sorted. */
  readonly promotedTo: readonly string[];
  readonly outputPorts: readonly OutputPort[];
  /** Its database's name and owner, and where its data lives. */
  readonly catalog: ProductCatalog;
  readonly inputPorts: readonly InputPortSpec[];
  readonly roles: Readonly<Record<ProductRoleName, ProductRole>>;
  /** Grants in force (not expired as of the mesh's day). */
  readonly grants: readonly Grant[];
  /** Purpose bindings in force. */
  readonly purposes: readonly PurposeBinding[];
  /** Manual overrides in force. */
  readonly overrides: readonly Override[];
  /** Grants, purpose bindings and overrides whose expiry lies before the mesh's day: dropped from synthesis, reported. */
  readonly expired: {
    readonly grants: readonly Grant[];
    readonly purposes: readonly PurposeBinding[];
    readonly overrides: readonly Override[];
  };
  readonly policies: ProductPoliciesSpec;
  readonly suppressions: readonly SuppressionSpec[];
  /** Where the product is in the spec (`['products', i]`), to locate findings. */
  readonly specPath: SpecPath;
}

/** What the rest of the mesh tells a product's checks. */
export interface ProductContext {
  /** Undefined when the scheme has problems of its own (checks that need it are skipped). */
  readonly classification?: Classification;
  readonly environments: ReadonlyMap<string, EnvironmentSpec>;
  readonly domains: ReadonlySet<string>;
  /** Spec index of each purpose by name. */
  readonly purposes: ReadonlyMap<string, number>;
  /** The purposes as written, by spec index (a binding's row filter may test only the columns its purpose's classes allow). */
  readonly purposeSpecs: readonly PurposeSpec[];
  /** Every product by id (the first, when an id is declared twice). */
  readonly products: ReadonlyMap<string, DataProductSpec>;
  /** Filled by the checks: which products bind each purpose, where. */
  readonly purposeBinders: PurposeBinders;
  /**
   * The day the mesh is built for: entries expired by then need no principal.
   * @default - every entry is checked
   */
  readonly asOf?: string;
}

/** Every product by id, reporting ids declared twice. */
export function indexProducts(check: SpecCheck, products: readonly DataProductSpec[]): ReadonlyMap<string, DataProductSpec> {
  check.unique(products, (p) => p.id, ['products'], 'product');
  const byId = new Map<string, DataProductSpec>();
  for (const p of products) if (!byId.has(p.id)) byId.set(p.id, p);
  return byId;
}

/** Checks one product and everything it declares against the rest of the mesh. */
export function checkProduct(check: SpecCheck, p: DataProductSpec, path: SpecPath, ctx: ProductContext): void {
  const who = `product ${p.id}`;
  if (
    !check.pattern(p.id, NAME_PATTERNS.productId, [...path, 'id'], 'product id', '`<domain>.<product>` in lower case letters, digits or -')
  )
    return;
  const [domain] = p.id.split('.');
  if (p.info?.domain !== domain) {
    check.add(
      [...path, 'info', 'domain'],
      `${who}: info.domain \`${p.info?.domain ?? ''}\` must equal the first part of the id, \`${domain}\``,
    );
  }
  if (!ctx.domains.has(domain)) check.add([...path, 'id'], `${who}: unknown domain \`${domain}\``, suggest(domain, ctx.domains));
  if (!p.info?.owner) check.add([...path, 'info', 'owner'], `${who} has no owner`);
  if (!p.info?.title) check.add([...path, 'info', 'title'], `${who} has no title`);

  checkPromotion(check, p, path, ctx.environments);
  checkProductCatalog(check, p.catalog, [...path, 'catalog'], who);

  const ports = new Map<string, OutputPortSpec>();
  if (!p.outputPorts || p.outputPorts.length === 0) check.add([...path, 'outputPorts'], `${who} has no output port`);
  check.unique(p.outputPorts ?? [], (o) => o.name, [...path, 'outputPorts'], 'output port');
  const tables = new Map<string, string>();
  (p.outputPorts ?? []).forEach((o, i) => {
    ports.set(o.name, o);
    checkPort(check, o, [...path, 'outputPorts', i], who, ctx.classification);
    const table = tableNameOf(o);
    const other = tables.get(table);
    if (other !== undefined)
      check.add([...path, 'outputPorts', i, 'table', 'name'], `${who}: ports ${other} and ${o.name} use the same table \`${table}\``);
    tables.set(table, o.name);
  });

  checkRoles(check, p.roles, path, who, p.promotedTo ?? [], ctx.environments, ctx.classification, ctx.asOf);

  const grantScope = {
    product: p.id,
    ports,
    products: ctx.products,
    seen: new Set<string>(),
    classification: ctx.classification,
    analystClearance: p.roles?.analyst?.clearance,
  };
  (p.grants ?? []).forEach((g, i) => {
    checkGrant(check, g, grantScope, [...path, 'grants', i]);
    checkApproval(check, g, [...path, 'grants', i], `product ${p.id}: grant ${i}`);
  });

  const bound = new Set<string>();
  (p.purposes ?? []).forEach((b, i) => {
    const bp: SpecPath = [...path, 'purposes', i];
    if (bound.has(b.purpose)) check.add([...bp, 'purpose'], `${who} binds purpose \`${b.purpose}\` twice; list its ports in one binding`);
    bound.add(b.purpose);
    const purposeIndex = ctx.purposes.get(b.purpose);
    if (purposeIndex === undefined) {
      check.add([...bp, 'purpose'], `${who}: unknown purpose \`${b.purpose}\``, suggest(b.purpose, ctx.purposes.keys()));
    } else {
      const binders = ctx.purposeBinders.get(purposeIndex) ?? new Map<string, string[]>();
      for (const env of p.promotedTo ?? []) binders.set(env, [...(binders.get(env) ?? []), p.id]);
      ctx.purposeBinders.set(purposeIndex, binders);
    }
    const readers: FilterReaders | undefined =
      purposeIndex === undefined
        ? undefined
        : { kind: 'purpose', purpose: b.purpose, allowedClasses: ctx.purposeSpecs[purposeIndex].allowedClasses ?? [] };
    checkBinding(check, b, ports, bp, who, { classification: ctx.classification, readers });
    checkApproval(check, b, bp, `${who}: binding to ${b.purpose}`);
  });

  (p.overrides ?? []).forEach((o, i) =>
    checkOverride(check, o, [...path, 'overrides', i], {
      product: p.id,
      owner: p.info?.owner,
      ports,
      promotedTo: p.promotedTo ?? [],
      environments: ctx.environments,
      classification: ctx.classification,
      readers: ctx.classification ? { kind: 'clearance', clearance: ctx.classification.topLevel } : undefined,
      asOf: ctx.asOf,
    }),
  );
  checkOverridesUnique(check, p.overrides ?? [], [...path, 'overrides'], p.id);

  checkInputPorts(check, p, path, ctx.products);
}

/** A product goes to known environments, and reaches an environment only through the ones promoting to it. */
function checkPromotion(check: SpecCheck, p: DataProductSpec, path: SpecPath, environments: ReadonlyMap<string, EnvironmentSpec>): void {
  const who = `product ${p.id}`;
  if (!p.promotedTo || p.promotedTo.length === 0)
    check.add([...path, 'promotedTo'], `${who} is promoted to no environment; list at least one, e.g. [dev]`);
  check.unique(p.promotedTo ?? [], (e) => e, [...path, 'promotedTo'], 'environment');
  (p.promotedTo ?? []).forEach((env, i) => {
    if (!environments.has(env)) {
      check.add([...path, 'promotedTo', i], `${who}: unknown environment \`${env}\``, suggest(env, environments.keys()));
      return;
    }
    for (const [from, e] of environments) {
      if (e.promotesTo === env && !p.promotedTo.includes(from)) {
        check.add(
          [...path, 'promotedTo', i],
          `${who} reaches ${env} without ${from}; ${from} promotes to ${env}, so promote it to ${from} first`,
        );
      }
    }
  });
}

/** An input port names another product's port, which that product grants, in every environment the reader goes to. */
function checkInputPorts(check: SpecCheck, p: DataProductSpec, path: SpecPath, products: ReadonlyMap<string, DataProductSpec>): void {
  const who = `product ${p.id}`;
  (p.inputPorts ?? []).forEach((ip, i) => {
    const ipp: SpecPath = [...path, 'inputPorts', i];
    const source = products.get(ip.product);
    if (ip.product === p.id) {
      check.add([...ipp, 'product'], `${who} cannot read its own output port as an input port`);
    } else if (source === undefined) {
      check.add([...ipp, 'product'], `${who}: input port names unknown product \`${ip.product}\``, suggest(ip.product, products.keys()));
    } else if (!source.outputPorts?.some((o) => o.name === ip.port)) {
      check.add(
        [...ipp, 'port'],
        `${who}: product ${ip.product} has no output port \`${ip.port}\``,
        suggest(
          ip.port,
          (source.outputPorts ?? []).map((o) => o.name),
        ),
      );
    } else {
      if (!(source.grants ?? []).some((g) => g.consumer === p.id && g.port === ip.port)) {
        check.add(
          ipp,
          `${who} reads ${ip.product}/${ip.port}, but ${ip.product} does not grant it`,
          `ask its owner to add \`{ consumer: ${p.id}, port: ${ip.port}, level: read }\` to its grants`,
        );
      }
      for (const env of p.promotedTo ?? []) {
        if (!(source.promotedTo ?? []).includes(env)) {
          check.add(ipp, `${who} is promoted to ${env}, but its input ${ip.product} is not`);
        }
      }
    }
  });
}

/**
 * The validated product of a checked spec.
 * @param asOf the day expiry is evaluated against (`YYYY-MM-DD`, UTC); undefined keeps every entry
 */
export function toDataProduct(p: DataProductSpec, specPath: SpecPath, c: Classification, asOf?: string): DataProduct {
  const [domain, name] = p.id.split('.');
  const catalog = toProductCatalog(p.catalog);
  const grants = (p.grants ?? []).map((g, i) => toGrant(g, [...specPath, 'grants', i]));
  const bindings = (p.purposes ?? []).map((b, i) => toPurposeBinding(b, [...specPath, 'purposes', i]));
  const overrides = (p.overrides ?? []).map((o, i) => toOverride(o, [...specPath, 'overrides', i]));
  const lapsed = (a: Approval) => asOf !== undefined && isExpired(a, asOf);
  return {
    id: p.id,
    domain,
    name,
    title: p.info.title,
    description: p.info.description,
    owner: p.info.owner,
    promotedTo: [...new Set(p.promotedTo)].sort(),
    outputPorts: p.outputPorts.map((o, i) => toOutputPort(o, c, [...specPath, 'outputPorts', i], catalog.owner)),
    catalog,
    inputPorts: (p.inputPorts ?? []).map((ip) => ({ product: ip.product, port: ip.port })),
    roles: toProductRoles(p.roles, c, specPath, asOf),
    grants: grants.filter((g) => !lapsed(g.approval)),
    purposes: bindings.filter((b) => !lapsed(b.approval)),
    overrides: overrides.filter((o) => !lapsed(o.approval)),
    expired: {
      grants: grants.filter((g) => lapsed(g.approval)),
      purposes: bindings.filter((b) => lapsed(b.approval)),
      overrides: overrides.filter((o) => lapsed(o.approval)),
    },
    policies: { ...(p.policies ?? {}) },
    suppressions: p.suppressions ?? [],
    specPath,
  };
}

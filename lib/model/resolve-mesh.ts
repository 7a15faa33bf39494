import { Classification, resolveClassification } from './classification';
import { DataProduct, DataProductSpec } from './data-product';
import { EnvironmentSpec, toEnvironment } from './environment';
import { Grant, GrantSpec } from './grant';
import { AttributeRule, Members, MembersSpec, normalizeMembers } from './members';
import type { MeshParts, MeshSpec } from './mesh';
import { NAME_PATTERNS, glueName } from './names';
import { Column, ColumnSpec, OutputPort, OutputPortSpec } from './output-port';
import { ProblemCollector, SpecPath } from './problems';
import {
  ACCESS_LEVELS,
  MAX_LEVEL,
  PRODUCT_ROLES,
  ProductRole,
  ProductRoleName,
  levelWithin,
} from './product-role';
import { Purpose } from './purpose';
import { PurposeBinding } from './purpose-binding';
import { suggest } from './suggest';
import { checkLiteralText, shown } from './literal-text';
import { checkPrincipalOwnership } from './principal-ownership';
import { checkNameCollisions } from './name-collisions';
import { SESSION_TAG_VALUE } from '../aws/session-tags';

/** Row filters are a static PartiQL subset of fewer than 2048 characters, without function calls. */
const ROW_FILTER_MAX = 2047;
const FUNCTION_CALL = /\b(?!(?:in|not|and|or)\b)[a-z_][a-z0-9_]*\s*\(/i;

/** Names of every readable column of a port, partition keys included. */
function columnNames(port: OutputPortSpec | undefined): Set<string> {
  return new Set([...(port?.columns ?? []), ...(port?.table?.partitionKeys ?? [])].map((c) => c.name));
}

/** Checks `spec` completely, adding every problem to `problems`; returns the mesh when there are none. */
export function resolveMesh(spec: MeshSpec, problems: ProblemCollector): MeshParts | undefined {
  return new MeshChecker(spec, problems).run();
}

class MeshChecker {
  private classification?: Classification;
  private readonly envs = new Map<string, EnvironmentSpec>();
  private readonly domains = new Set<string>();
  private readonly purposes = new Map<string, number>();
  private readonly productSpecs = new Map<string, DataProductSpec>();
  /** Per purpose (spec index), per environment: the products that bind it there. */
  private readonly purposeBinders = new Map<number, Map<string, string[]>>();

  constructor(
    private readonly spec: MeshSpec,
    private readonly problems: ProblemCollector,
  ) {}

  run(): MeshParts | undefined {
    const { spec, problems } = this;
    if (!spec.name || !NAME_PATTERNS.mesh.test(spec.name)) {
      problems.add(['name'], `mesh name \`${spec.name ?? ''}\` must be lower case letters, digits or -`);
    }
    this.classification = resolveClassification(spec.classification, problems);
    this.checkEnvironments();
    checkPrincipalOwnership(spec.environments ?? [], problems);
    this.checkDomains();
    this.checkPurposes();
    this.indexProducts();
    (spec.products ?? []).forEach((p, i) => this.checkProduct(p, ['products', i]));
    this.checkPurposeMembers();
    checkNameCollisions(spec, problems);
    checkLiteralText(spec, problems);
    if (problems.problems.length > 0) return undefined;

    return {
      name: spec.name,
      classification: this.classification!,
      environments: spec.environments.map(toEnvironment),
      domains: [...spec.domains].sort((a, b) => a.name.localeCompare(b.name)),
      purposes: (spec.purposes ?? [])
        .map((p, i): Purpose => ({
          specPath: ['purposes', i],
          name: p.name,
          description: p.description,
          approver: p.approver,
          members: normalizeMembers(p.members),
          allowedClasses: [...new Set(p.allowedClasses ?? [])].sort(),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      products: (spec.products ?? []).map((p, i) => this.toProduct(p, ['products', i])).sort((a, b) => a.id.localeCompare(b.id)),
      policy: spec.policy ?? {},
    };
  }

  private unique<T>(items: readonly T[], key: (t: T) => string, path: SpecPath, what: string): void {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) this.problems.add([...path, i], `${what} \`${k}\` is declared twice`);
      seen.add(k);
    });
  }

  private pattern(value: string | undefined, re: RegExp, path: SpecPath, what: string, expected: string): boolean {
    if (typeof value === 'string' && re.test(value)) return true;
    this.problems.add(path, `${what} \`${value ?? ''}\` is not valid; expected ${expected}`);
    return false;
  }

  private checkEnvironments(): void {
    const envs = this.spec.environments ?? [];
    if (envs.length === 0) this.problems.add(['environments'], 'the mesh needs at least one environment');
    this.unique(envs, (e) => e.name, ['environments'], 'environment');
    for (const e of envs) this.envs.set(e.name, e);
    const accounts = new Map<string, string>();
    envs.forEach((e, i) => {
      const p: SpecPath = ['environments', i];
      this.pattern(e.name, NAME_PATTERNS.environment, [...p, 'name'], 'environment name', 'lower case letters, digits or -, at most 20 characters');
      this.pattern(e.account, NAME_PATTERNS.account, [...p, 'account'], `environment ${e.name}: account`, 'a 12-digit AWS account id');
      this.pattern(e.region, NAME_PATTERNS.region, [...p, 'region'], `environment ${e.name}: region`, 'an AWS region such as eu-west-1');
      if (e.prefix !== undefined) this.pattern(e.prefix, NAME_PATTERNS.prefix, [...p, 'prefix'], `environment ${e.name}: prefix`, 'lower case letters, digits or -, at most 20 characters');
      this.pattern(e.dataBucket, NAME_PATTERNS.bucket, [...p, 'dataBucket'], `environment ${e.name}: dataBucket`, 'an S3 bucket name');
      this.pattern(e.backend?.bucket, NAME_PATTERNS.bucket, [...p, 'backend', 'bucket'], `environment ${e.name}: backend bucket`, 'an S3 bucket name');
      this.arn(e.deployRoleArn, [...p, 'deployRoleArn'], `environment ${e.name}: deployRoleArn`);
      (e.lakeAdmins ?? []).forEach((a, j) => this.arn(a, [...p, 'lakeAdmins', j], `environment ${e.name}: lake admin`));
      for (const kind of ['groups', 'users'] as const) {
        const map = e.identity?.[kind] ?? {};
        for (const k of Object.keys(map)) this.arn(map[k], [...p, 'identity', kind, k], `environment ${e.name}: principal of ${kind.slice(0, -1)} ${k}`);
      }
      (e.identity?.attributeSessionPrincipals ?? []).forEach((a, j) =>
        this.arn(a, [...p, 'identity', 'attributeSessionPrincipals', j], `environment ${e.name}: attribute session principal`),
      );
      if (e.promotesTo !== undefined) {
        if (e.promotesTo === e.name) this.problems.add([...p, 'promotesTo'], `environment ${e.name} cannot promote to itself`);
        else if (!this.envs.has(e.promotesTo)) this.problems.add([...p, 'promotesTo'], `environment ${e.name} promotes to unknown environment \`${e.promotesTo}\``, suggest(e.promotesTo, this.envs.keys()));
      }
      // Lake Formation tags and data lake settings are per account and region: one owner each.
      const where = `${e.account}/${e.region}`;
      const other = accounts.get(where);
      if (other !== undefined) {
        this.problems.add([...p, 'account'], `environments ${other} and ${e.name} share account ${e.account} in ${e.region}; each environment needs its own account or region, because Lake Formation tags and settings are account-wide`);
      }
      accounts.set(where, e.name);
    });
    // Promotion must be a chain without cycles.
    for (const e of envs) {
      const seen = new Set<string>([e.name]);
      let next = e.promotesTo;
      while (next !== undefined && this.envs.has(next)) {
        if (seen.has(next)) {
          this.problems.add(['environments', envs.indexOf(e), 'promotesTo'], `environment promotion forms a cycle through ${e.name}`);
          break;
        }
        seen.add(next);
        next = this.envs.get(next)!.promotesTo;
      }
    }
  }

  private arn(value: string | undefined, path: SpecPath, what: string): void {
    if (typeof value === 'string' && value.includes('*')) {
      this.problems.add(path, `${what} \`${value}\` contains a wildcard; principals must be named exactly`);
      return;
    }
    this.pattern(value, NAME_PATTERNS.iamArn, path, what, 'an IAM ARN (arn:aws:iam::<account>:role/<name>, :user/<name> or :root)');
  }

  private checkDomains(): void {
    const domains = this.spec.domains ?? [];
    this.unique(domains, (d) => d.name, ['domains'], 'domain');
    domains.forEach((d, i) => {
      this.pattern(d.name, NAME_PATTERNS.domain, ['domains', i, 'name'], 'domain name', 'lower case letters, digits or -');
      this.domains.add(d.name);
    });
  }

  private checkPurposes(): void {
    const purposes = this.spec.purposes ?? [];
    this.unique(purposes, (p) => p.name, ['purposes'], 'purpose');
    purposes.forEach((p, i) => {
      const path: SpecPath = ['purposes', i];
      this.purposes.set(p.name, i);
      this.pattern(p.name, NAME_PATTERNS.purpose, [...path, 'name'], 'purpose name', 'lower case letters, digits or -');
      if (!p.approver) this.problems.add([...path, 'approver'], `purpose ${p.name} has no approver; someone must admit its members`);
      (p.allowedClasses ?? []).forEach((c, j) => {
        if (this.classification && !this.classification.classNames.includes(c)) {
          this.problems.add([...path, 'allowedClasses', j], `purpose ${p.name} allows unknown class \`${c}\``, suggest(c, this.classification.classNames));
        }
      });
      this.checkMembers(p.members, [...path, 'members'], `purpose ${p.name}`);
    });
  }

  private checkMembers(m: MembersSpec | undefined, path: SpecPath, owner: string): void {
    for (const kind of ['users', 'groups'] as const) {
      (m?.[kind] ?? []).forEach((name, i) => {
        if (!name || name.includes('*')) this.problems.add([...path, kind, i], `${owner}: ${kind.slice(0, -1)} \`${name}\` is not a name; wildcards are not allowed`);
      });
    }
    (m?.attributes ?? []).forEach((rule: AttributeRule, i) => {
      const keys = Object.keys(rule);
      if (keys.length === 0) this.problems.add([...path, 'attributes', i], `${owner}: an attribute rule needs at least one attribute, or it would admit everyone`);
      for (const k of keys) {
        if (!/^[A-Za-z0-9_.:/=+@-]{1,128}$/.test(k)) this.problems.add([...path, 'attributes', i, k], `${owner}: attribute \`${k}\` is not a valid session tag key`);
        const values = rule[k];
        const list = typeof values === 'string' ? [values] : values;
        if (list.length === 0) this.problems.add([...path, 'attributes', i, k], `${owner}: attribute \`${k}\` lists no value`);
        list.forEach((v, j) => {
          if (v.includes('*')) this.problems.add([...path, 'attributes', i, k], `${owner}: attribute \`${k}\` value \`${v}\` contains a wildcard`);
          else if (!SESSION_TAG_VALUE.test(v)) this.problems.add([...path, 'attributes', i, k, ...(typeof values === 'string' ? [] : [j])], `${owner}: attribute \`${k}\` value \`${shown(v)}\` can never be a session tag value (letters, digits, spaces and _ . : / = + - @, at most 256 characters), so no session would match it`);
        });
      }
    });
  }

  private indexProducts(): void {
    const products = this.spec.products ?? [];
    this.unique(products, (p) => p.id, ['products'], 'product');
    for (const p of products) if (!this.productSpecs.has(p.id)) this.productSpecs.set(p.id, p);
  }

  private checkProduct(p: DataProductSpec, path: SpecPath): void {
    const who = `product ${p.id}`;
    if (!this.pattern(p.id, NAME_PATTERNS.productId, [...path, 'id'], 'product id', '`<domain>.<product>` in lower case letters, digits or -')) return;
    const [domain] = p.id.split('.');
    if (p.info?.domain !== domain) {
      this.problems.add([...path, 'info', 'domain'], `${who}: info.domain \`${p.info?.domain ?? ''}\` must equal the first part of the id, \`${domain}\``);
    }
    if (!this.domains.has(domain)) this.problems.add([...path, 'id'], `${who}: unknown domain \`${domain}\``, suggest(domain, this.domains));
    if (!p.info?.owner) this.problems.add([...path, 'info', 'owner'], `${who} has no owner`);
    if (!p.info?.title) this.problems.add([...path, 'info', 'title'], `${who} has no title`);

    if (!p.promotedTo || p.promotedTo.length === 0) this.problems.add([...path, 'promotedTo'], `${who} is promoted to no environment; list at least one, e.g. [dev]`);
    this.unique(p.promotedTo ?? [], (e) => e, [...path, 'promotedTo'], 'environment');
    (p.promotedTo ?? []).forEach((env, i) => {
      if (!this.envs.has(env)) {
        this.problems.add([...path, 'promotedTo', i], `${who}: unknown environment \`${env}\``, suggest(env, this.envs.keys()));
        return;
      }
      for (const [from, e] of this.envs) {
        if (e.promotesTo === env && !p.promotedTo.includes(from)) {
          this.problems.add([...path, 'promotedTo', i], `${who} reaches ${env} without ${from}; ${from} promotes to ${env}, so promote it to ${from} first`);
        }
      }
    });

    const ports = new Map<string, OutputPortSpec>();
    if (!p.outputPorts || p.outputPorts.length === 0) this.problems.add([...path, 'outputPorts'], `${who} has no output port`);
    this.unique(p.outputPorts ?? [], (o) => o.name, [...path, 'outputPorts'], 'output port');
    const tables = new Map<string, string>();
    (p.outputPorts ?? []).forEach((o, i) => {
      ports.set(o.name, o);
      this.checkPort(o, [...path, 'outputPorts', i], who);
      const table = o.table?.name ?? glueName(o.name);
      const other = tables.get(table);
      if (other !== undefined) this.problems.add([...path, 'outputPorts', i, 'table', 'name'], `${who}: ports ${other} and ${o.name} use the same table \`${table}\``);
      tables.set(table, o.name);
    });

    for (const role of Object.keys(p.roles ?? {})) {
      const r = p.roles![role as ProductRoleName]!;
      const rp: SpecPath = [...path, 'roles', role];
      if (!(PRODUCT_ROLES as readonly string[]).includes(role)) {
        this.problems.add(rp, `${who}: unknown role \`${role}\``, suggest(role, PRODUCT_ROLES));
        continue;
      }
      this.checkMembers(r.members, [...rp, 'members'], `${who} ${role}`);
      this.checkMemberMapping(r.members, [...rp, 'members'], `${who} ${role}`, p.promotedTo ?? []);
      if (r.clearance !== undefined) {
        if (role !== 'analyst') this.problems.add([...rp, 'clearance'], `${who}: only analysts have a clearance; ${role}s see the whole product`);
        else if (this.classification && !this.classification.levels.includes(r.clearance)) {
          this.problems.add([...rp, 'clearance'], `${who}: unknown level \`${r.clearance}\``, suggest(r.clearance, this.classification.levels));
        }
      }
    }

    const grantKeys = new Set<string>();
    (p.grants ?? []).forEach((g, i) => this.checkGrant(p, g, ports, grantKeys, [...path, 'grants', i]));

    const bound = new Set<string>();
    (p.purposes ?? []).forEach((b, i) => {
      const bp: SpecPath = [...path, 'purposes', i];
      if (bound.has(b.purpose)) this.problems.add([...bp, 'purpose'], `${who} binds purpose \`${b.purpose}\` twice; list its ports in one binding`);
      bound.add(b.purpose);
      const purposeIndex = this.purposes.get(b.purpose);
      if (purposeIndex === undefined) {
        this.problems.add([...bp, 'purpose'], `${who}: unknown purpose \`${b.purpose}\``, suggest(b.purpose, this.purposes.keys()));
      } else {
        const binders = this.purposeBinders.get(purposeIndex) ?? new Map<string, string[]>();
        for (const env of p.promotedTo ?? []) binders.set(env, [...(binders.get(env) ?? []), p.id]);
        this.purposeBinders.set(purposeIndex, binders);
      }
      if (!b.ports || b.ports.length === 0) this.problems.add([...bp, 'ports'], `${who}: binding to ${b.purpose} lists no port`);
      (b.ports ?? []).forEach((port, j) => {
        if (!ports.has(port)) this.problems.add([...bp, 'ports', j], `${who}: binding to ${b.purpose} names unknown port \`${port}\``, suggest(port, ports.keys()));
      });
      (b.columns ?? []).forEach((c, j) => {
        const inSome = (b.ports ?? []).some((port) => columnNames(ports.get(port)).has(c));
        if (!inSome) this.problems.add([...bp, 'columns', j], `${who}: binding to ${b.purpose} names column \`${c}\`, which no bound port has`);
      });
      if (b.columns !== undefined && b.columns.length === 0) this.problems.add([...bp, 'columns'], `${who}: binding to ${b.purpose} lists no column; leave \`columns\` out to bind every allowed column`);
      this.checkRows(b.rows, [...bp, 'rows'], `${who}: binding to ${b.purpose}`);
    });

    (p.inputPorts ?? []).forEach((ip, i) => {
      const ipp: SpecPath = [...path, 'inputPorts', i];
      const source = this.productSpecs.get(ip.product);
      if (ip.product === p.id) {
        this.problems.add([...ipp, 'product'], `${who} cannot read its own output port as an input port`);
      } else if (source === undefined) {
        this.problems.add([...ipp, 'product'], `${who}: input port names unknown product \`${ip.product}\``, suggest(ip.product, this.productSpecs.keys()));
      } else if (!source.outputPorts?.some((o) => o.name === ip.port)) {
        this.problems.add([...ipp, 'port'], `${who}: product ${ip.product} has no output port \`${ip.port}\``, suggest(ip.port, (source.outputPorts ?? []).map((o) => o.name)));
      } else {
        if (!(source.grants ?? []).some((g) => g.consumer === p.id && g.port === ip.port)) {
          this.problems.add(ipp, `${who} reads ${ip.product}/${ip.port}, but ${ip.product} does not grant it`, `ask its owner to add \`{ consumer: ${p.id}, port: ${ip.port}, level: read }\` to its grants`);
        }
        for (const env of p.promotedTo ?? []) {
          if (!(source.promotedTo ?? []).includes(env)) {
            this.problems.add(ipp, `${who} is promoted to ${env}, but its input ${ip.product} is not`);
          }
        }
      }
    });
  }

  private checkPort(o: OutputPortSpec, path: SpecPath, who: string): void {
    this.pattern(o.name, NAME_PATTERNS.port, [...path, 'name'], `${who}: port name`, 'lower case letters, digits, - or _');
    if (o.table?.name !== undefined) this.pattern(o.table.name, NAME_PATTERNS.table, [...path, 'table', 'name'], `${who}: table name`, 'lower case letters, digits or _ (Glue names)');
    if (!o.columns || o.columns.length === 0) this.problems.add([...path, 'columns'], `${who}: port ${o.name} has no columns`);
    const all = [...(o.columns ?? []).map((c, i) => ({ c, p: [...path, 'columns', i] })), ...(o.table?.partitionKeys ?? []).map((c, i) => ({ c, p: [...path, 'table', 'partitionKeys', i] }))];
    const seen = new Set<string>();
    for (const { c, p } of all) {
      this.pattern(c.name, NAME_PATTERNS.column, [...p, 'name'], `${who}: port ${o.name}: column name`, 'lower case letters, digits or _ (Glue stores column names in lower case)');
      if (seen.has(c.name)) this.problems.add([...p, 'name'], `${who}: port ${o.name} declares column \`${c.name}\` twice`);
      seen.add(c.name);
      if (!c.type) this.problems.add([...p, 'type'], `${who}: port ${o.name}: column ${c.name} has no type`);
      (c.tags ?? []).forEach((t, j) => {
        if (this.classification && this.classification.classOf(t) === undefined) {
          this.problems.add([...p, 'tags', j], `${who}: port ${o.name}: column ${c.name} has unknown entity tag \`${t}\``, suggest(t, this.classification.entities));
        }
      });
    }
  }

  /** A purpose's members need a principal wherever a product binds it: checked once per purpose and environment. */
  private checkPurposeMembers(): void {
    for (const [index, binders] of [...this.purposeBinders].sort(([a], [b]) => a - b)) {
      const purpose = this.spec.purposes![index];
      for (const [env, products] of binders) {
        this.checkMemberMapping(purpose.members, ['purposes', index, 'members'], `purpose ${purpose.name} (bound by ${products.join(', ')})`, [env]);
      }
    }
  }

  private checkMemberMapping(m: MembersSpec | undefined, path: SpecPath, who: string, envs: readonly string[]): void {
    for (const envName of envs) {
      const env = this.envs.get(envName);
      if (!env) continue;
      if ((m?.attributes ?? []).length > 0 && (env.identity?.attributeSessionPrincipals ?? []).length === 0) {
        this.problems.add([...path, 'attributes'], `${who}: attribute rules need identity.attributeSessionPrincipals in environment ${envName}, the roles whose sessions carry directory attributes`, 'meshgrant never trusts the whole account on session tags');
      }
      for (const kind of ['groups', 'users'] as const) {
        const mapped = env.identity?.[kind] ?? {};
        (m?.[kind] ?? []).forEach((name, i) => {
          // Own keys only: `constructor` or `toString` are not mapped because every object inherits them.
          if (!Object.hasOwn(mapped, name)) {
            this.problems.add([...path, kind, i], `${who}: ${kind.slice(0, -1)} \`${name}\` has no principal in environment ${envName}`, `map it under environments[${envName}].identity.${kind}`);
          }
        });
      }
    }
  }

  private checkRows(rows: string | undefined, path: SpecPath, who: string): void {
    if (rows === undefined) return;
    if (rows.trim() === '') this.problems.add(path, `${who}: the row filter is empty; leave \`rows\` out for all rows`);
    else if (rows.length > ROW_FILTER_MAX) this.problems.add(path, `${who}: the row filter has ${rows.length} characters; Lake Formation accepts at most ${ROW_FILTER_MAX}`);
    else if (FUNCTION_CALL.test(rows) || rows.includes(';')) {
      this.problems.add(path, `${who}: the row filter \`${rows}\` calls a function or has a \`;\`; Lake Formation row filters are static conditions on columns and constants`);
    }
  }

  private checkGrant(p: DataProductSpec, g: GrantSpec, ports: Map<string, OutputPortSpec>, keys: Set<string>, path: SpecPath): void {
    const who = `product ${p.id}`;
    if ((g.role === undefined) === (g.consumer === undefined)) {
      this.problems.add(path, `${who}: a grant names either a \`role\` or a \`consumer\` product, not ${g.role === undefined ? 'neither' : 'both'}`);
      return;
    }
    const grantee = g.role ?? g.consumer!;
    if (g.role !== undefined && !(PRODUCT_ROLES as readonly string[]).includes(g.role)) {
      this.problems.add([...path, 'role'], `${who}: unknown role \`${g.role}\``, suggest(g.role, PRODUCT_ROLES));
      return;
    }
    if (g.consumer !== undefined) {
      const consumer = this.productSpecs.get(g.consumer);
      if (consumer === undefined) this.problems.add([...path, 'consumer'], `${who}: grant to unknown consumer product \`${g.consumer}\``, suggest(g.consumer, this.productSpecs.keys()));
      else if (!(consumer.inputPorts ?? []).some((ip) => ip.product === p.id && ip.port === g.port)) {
        this.problems.add([...path, 'consumer'], `${who} grants ${g.consumer} port ${g.port}, but ${g.consumer} declares no input port for it`, `add \`{ product: ${p.id}, port: ${g.port} }\` to its inputPorts`);
      }
    }
    if (!(ACCESS_LEVELS as readonly string[]).includes(g.level)) {
      this.problems.add([...path, 'level'], `${who}: unknown access level \`${g.level}\``, suggest(g.level, ACCESS_LEVELS));
      return;
    }
    const max = g.role !== undefined ? MAX_LEVEL[g.role] : 'read';
    if (!levelWithin(g.level, max)) {
      this.problems.add([...path, 'level'], `${who}: ${g.role ?? `consumer ${g.consumer}`} cannot be granted ${g.level}; the most it may have is ${max}`);
    }
    const port = ports.get(g.port);
    if (port === undefined) {
      this.problems.add([...path, 'port'], `${who}: grant to ${grantee} names unknown port \`${g.port}\``, suggest(g.port, ports.keys()));
    } else {
      const names = columnNames(port);
      (g.columns ?? []).forEach((c, i) => {
        if (!names.has(c)) this.problems.add([...path, 'columns', i], `${who}: port ${g.port} has no column \`${c}\``, suggest(c, names));
      });
    }
    if (g.columns !== undefined && g.columns.length === 0) this.problems.add([...path, 'columns'], `${who}: grant lists no column; leave \`columns\` out to grant every column the clearance allows`);
    if (g.level !== 'read' && (g.columns !== undefined || g.rows !== undefined)) {
      this.problems.add(path, `${who}: a ${g.level} grant cannot restrict columns or rows; Lake Formation limits writes to whole tables`);
    }
    this.checkRows(g.rows, [...path, 'rows'], `${who}: grant to ${grantee}`);
    const key = `${grantee}/${g.port}`;
    if (keys.has(key)) this.problems.add(path, `${who} grants ${grantee} port ${g.port} twice; merge them into one grant`);
    keys.add(key);
  }

  private toProduct(p: DataProductSpec, specPath: SpecPath): DataProduct {
    const c = this.classification!;
    const [domain, name] = p.id.split('.');
    const toColumn = (col: ColumnSpec, partitionKey: boolean): Column => {
      const tags = [...new Set(col.tags ?? [])].sort();
      const classes = c.classesOf(tags);
      return { name: col.name, type: col.type, description: col.description, tags, unclassified: col.unclassified, partitionKey, classes, level: c.levelOfClasses(classes) };
    };
    const outputPorts = p.outputPorts.map((o): OutputPort => ({
      name: o.name,
      description: o.description,
      tableName: o.table?.name ?? glueName(o.name),
      format: o.table?.format ?? 'parquet',
      columns: [...o.columns.map((col) => toColumn(col, false)), ...(o.table?.partitionKeys ?? []).map((col) => toColumn(col, true))],
    }));
    const roles = Object.fromEntries(
      PRODUCT_ROLES.map((role): [ProductRoleName, ProductRole] => {
        const r = p.roles?.[role];
        const members: Members = normalizeMembers(r?.members);
        return [role, { name: role, members, clearance: role === 'analyst' ? (r?.clearance ?? c.defaultLevel) : c.topLevel }];
      }),
    ) as Record<ProductRoleName, ProductRole>;
    const grants = (p.grants ?? []).map((g): Grant => ({
      grantee: g.role !== undefined ? { kind: 'role', role: g.role } : { kind: 'consumer', product: g.consumer! },
      port: g.port,
      level: g.level,
      columns: g.columns ? [...new Set(g.columns)].sort() : undefined,
      rows: g.rows,
    }));
    const purposes = (p.purposes ?? []).map((b): PurposeBinding => ({
      purpose: b.purpose,
      ports: [...new Set(b.ports)].sort(),
      columns: b.columns ? [...new Set(b.columns)].sort() : undefined,
      rows: b.rows,
    }));
    return {
      id: p.id,
      domain,
      name,
      title: p.info.title,
      description: p.info.description,
      owner: p.info.owner,
      promotedTo: [...new Set(p.promotedTo)].sort(),
      outputPorts,
      inputPorts: (p.inputPorts ?? []).map((ip) => ({ product: ip.product, port: ip.port })),
      roles,
      grants,
      purposes,
      policies: { ...(p.policies ?? {}) },
      suppressions: p.suppressions ?? [],
      specPath,
    };
  }
}


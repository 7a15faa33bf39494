import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AccessEntry, EffectiveAccess, Members, Mesh, TrustedMembers, accessPlan, checkPolicies } from '../../lib';
import { normalizeMembers } from '../../lib/model/members';
import { tablesOpenToIam } from '../../lib/aws/access-mode';
import { IAM_ROLE_NAME_MAX, fitName, glueName, userNamePart } from '../../lib/aws/names';
import { readAccess } from '../../lib/readback';
import { synthesizeMesh } from '../../stacks/synthesize';

/** One principal's access to one table, in the terms both sides can state. */
export interface AccessRow {
  readonly environment: string;
  readonly principal: string;
  readonly database: string;
  readonly table: string;
  readonly product?: string;
  readonly purpose?: string;
  readonly columns: readonly string[];
  /** Classes of the readable columns that have any. */
  readonly columnClasses?: Readonly<Record<string, readonly string[]>>;
  readonly rows?: string;
  readonly permissions: readonly string[];
  readonly grantable: readonly string[];
  /** Who may become the principal. */
  readonly members: TrustedMembers;
}

/**
 * The mesh's access plan, as the deployed names would show it (docs/aws-mapping.md), and in
 * hybrid environments every table's IAM-only access. The plan leaves out a consumer product
 * where it is not promoted: it has no roles there (docs/decisions.md, "Consumer grants where the
 * consumer is not promoted").
 */
export function declaredRows(mesh: Mesh): AccessRow[] {
  return [...planRows(mesh), ...iamOnlyRows(mesh)].sort(compareRows);
}

/** Every column of each table open to IAM-only access, to anyone IAM lets read it. */
function iamOnlyRows(mesh: Mesh): AccessRow[] {
  return mesh.environments.flatMap((env) =>
    tablesOpenToIam(env, mesh.productsIn(env.name)).map((t) => {
      const port = mesh.product(t.product).outputPorts.find((o) => o.name === t.port)!;
      const classed = port.columns.filter((c) => c.classes.length > 0);
      return strip({
        environment: env.name,
        principal: 'IAM_ALLOWED_PRINCIPALS',
        database: t.database,
        table: t.table,
        product: t.product,
        columns: port.columns.map((c) => c.name).sort(),
        columnClasses: classed.length > 0 ? Object.fromEntries(classed.map((c) => [c.name, c.classes])) : undefined,
        permissions: ['ALL'],
        grantable: [],
        members: { principals: [], attributeRules: [] },
      });
    }),
  );
}

function planRows(mesh: Mesh): AccessRow[] {
  return accessPlan(mesh)
    .map((d) => {
      const env = mesh.environment(d.environment);
      const product = mesh.product(d.product);
      const holder = d.holder;
      // Principals of global policies are compared by the differential test of attribute-based access.
      if (holder.kind === 'policy') throw new Error(`${holder.principal.id}: a principal of global policies`);
      const [roleName, members] =
        holder.kind === 'role'
          ? (() => {
              const p = mesh.product(holder.product);
              return [`${env.prefix}-${p.domain}-${p.name}-${holder.role}`, p.roles[holder.role].members] as const;
            })()
          : holder.kind === 'override'
            ? ([
                `${env.prefix}-${product.domain}-${product.name}-override-${userNamePart(holder.user)}`,
                normalizeMembers({ users: [holder.user] }),
              ] as const)
            : ([`${env.prefix}-purpose-${holder.purpose}`, mesh.purpose(holder.purpose).members] as const);
      const port = product.outputPorts.find((p) => p.name === d.port)!;
      const classed = port.columns.filter((c) => d.columns.includes(c.name) && c.classes.length > 0);
      return strip({
        environment: d.environment,
        principal: `arn:aws:iam::${env.account}:role/${fitName(roleName, IAM_ROLE_NAME_MAX)}`,
        database: product.catalog.database ?? glueName(env.prefix, product.domain, product.name),
        table: port.tableName,
        product: d.product,
        purpose: holder.kind === 'purpose' ? holder.purpose : undefined,
        columns: d.columns,
        columnClasses: classed.length > 0 ? Object.fromEntries(classed.map((c) => [c.name, c.classes])) : undefined,
        rows: d.rows,
        permissions: d.permissions,
        grantable: d.grantable ? d.permissions : [],
        members: trusted(members, mesh, d),
      });
    })
    .sort(compareRows);
}

/** The access read back from the synthesized stacks. */
export function readRows(outdir: string): AccessRow[] {
  return readAccess(outdir)
    .map((a: EffectiveAccess) =>
      strip({
        environment: a.environment,
        principal: a.principal.arn,
        database: a.database,
        table: a.table,
        product: a.product,
        purpose: a.purpose,
        columns: a.columns,
        columnClasses: a.columnClasses,
        rows: a.rows,
        permissions: a.permissions,
        grantable: a.grantable,
        members: a.principal.members,
      }),
    )
    .sort(compareRows);
}

/**
 * Synthesizes the mesh into a fresh temporary folder, reads it back, and removes the folder.
 * Governance findings are left out: random meshes break readiness rules (no description, empty
 * roles), and what is compared here is access, which findings do not change.
 */
export function synthesizeAndRead(mesh: Mesh): AccessRow[] {
  const outdir = mkdtempSync(join(tmpdir(), 'meshgrant-readback-'));
  try {
    synthesizeMesh(mesh, { outdir, policy: { ...checkPolicies(mesh), findings: [] } });
    return readRows(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Members as a trust policy admits them in the declared entry's environment. */
function trusted(members: Members, mesh: Mesh, d: AccessEntry): TrustedMembers {
  const env = mesh.environment(d.environment);
  const named = [...members.groups.map((g) => env.groups.get(g)!), ...members.users.map((u) => env.users.get(u)!)];
  return {
    principals: [...new Set(named)].sort(),
    attributeRules: members.attributes.map((rule) => ({
      principals: [...env.attributeSessionPrincipals],
      attributes: Object.fromEntries(Object.entries(rule).map(([k, v]) => [k, typeof v === 'string' ? [v] : [...v].sort()])),
    })),
  };
}

function compareRows(a: AccessRow, b: AccessRow): number {
  const key = (r: AccessRow) => [r.environment, r.principal, r.database, r.table].join('\u0000');
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

import { ConditionSubject, conditionHolds } from '../../lib/abac/condition';
import type { RowPolicy } from '../../lib/abac/global-policy';
import { isWithin } from '../../lib/abac/tag-path';
import { applicableRowPolicies, decideTable, passesGuardrail } from '../../lib/abac/table-decision';
import { TABLE_PERMISSIONS } from '../../lib/aws/permissions';
import type { DirectoryPerson, DirectorySnapshot } from '../../lib/directory/directory';
import { IdentityMapping } from '../../lib/directory/directory-trust';
import { whoCanBecome } from '../../lib/directory/who-can-become';
import { Members, Mesh, accessPlan, buildMesh } from '../../lib';
import { parsedRowPolicy, rowPolicyAttributes, tableFacts } from '../../lib/model/global-policies';
import type { OutputPort } from '../../lib/model/output-port';
import { RowCondition, parseRowFilter, renderCondition, substituteParameters } from '../../lib/model/row-filter';
import { readableColumns } from '../../lib/plan/readable-columns';
import type { AccessReport } from '../../lib/readback';

/**
 * Per-person access to tables, in terms both sides of the differential test of attribute-based
 * access can state: for each environment, person and table, the *views* the person can read
 * (columns, the row filter as a set of ANDed conditions, permissions). A view that another of
 * the same person's views covers (as many columns and permissions, no more conditions on rows)
 * adds nothing and is left out, so that how access is split among principals does not matter.
 */
export interface View {
  readonly columns: readonly string[];
  /** Conditions ANDed on rows, each in canonical text, sorted; empty for every row. */
  readonly rows: readonly string[];
  readonly permissions: readonly string[];
}

/** `<environment> <person> <product>/<table>` -> the person's views of that table, sorted. */
export type PersonAccess = Map<string, View[]>;

/**
 * What issue 12 says each person of the directory may read, evaluated from the model without the
 * compiler (lib/plan/policy-access.ts, lib/aws): the ways in that roles and purposes give (the
 * plan of the mesh without global policies, which the roles-and-purposes differential test ties
 * to readback), each open to its members who also meet the table's always-required
 * subscriptions, plus the table's subscriptions to whoever meets their merged condition (columns
 * up to the default level); reads are narrowed by every row policy not excepted for the way in
 * or the person's groups, `@<attribute>` standing for the reader's value. A reader holding
 * several declared values of an attribute reads the rows of each (a view per value); one
 * holding no declared value of it reads no row through that way in.
 */
export function declaredPersonAccess(mesh: Mesh, directory: DirectorySnapshot): PersonAccess {
  const out: PersonAccess = new Map();
  const add = (environment: string, person: string, product: string, port: OutputPort, views: readonly View[]) => {
    if (views.length === 0) return;
    const key = `${environment} ${person} ${product}/${port.tableName}`;
    out.set(key, [...(out.get(key) ?? []), ...views]);
  };
  const hierarchical = (name: string) => mesh.attribute(name)?.hierarchical ?? false;
  const subjectOf = (p: DirectoryPerson, port: OutputPort): ConditionSubject => ({
    user: p.name,
    groups: new Set(p.groups),
    attributes: p.attributes,
    tableTags: port.tags,
    hierarchical,
  });
  const withoutPolicies = buildMesh({ ...mesh.spec, policies: [] });
  for (const way of accessPlan(withoutPolicies)) {
    const product = mesh.product(way.product);
    const port = product.outputPorts.find((o) => o.name === way.port)!;
    const decision = decideTable(mesh.policies, tableFacts(product, port));
    const holder = way.holder;
    if (holder.kind === 'policy') throw new Error('a mesh without policies has no policy principal');
    if (holder.kind === 'override') {
      // An owner's override admits its one person, and global policies do not narrow it.
      for (const person of directory.people.filter((p) => p.name === holder.user))
        add(way.environment, person.name, product.id, port, views(mesh, person, way.columns, way.rows, way.permissions, []));
      continue;
    }
    const members = holder.kind === 'role' ? mesh.product(holder.product).roles[holder.role].members : mesh.purpose(holder.purpose).members;
    for (const person of directory.people) {
      const subject = subjectOf(person, port);
      if (!isMember(members, subject) || !passesGuardrail(decision, subject)) continue;
      const policies =
        way.level === 'read' ? applicableRowPolicies(decision, holder.kind === 'purpose' ? holder.purpose : undefined, subject.groups) : [];
      add(way.environment, person.name, product.id, port, views(mesh, person, way.columns, way.rows, way.permissions, policies));
    }
  }
  for (const env of mesh.environments) {
    for (const product of mesh.productsIn(env.name)) {
      for (const port of product.outputPorts) {
        const decision = decideTable(mesh.policies, tableFacts(product, port));
        if (decision.subscription === undefined) continue;
        const columns = readableColumns(mesh.classification, port, { kind: 'clearance', level: mesh.classification.defaultLevel });
        if (columns.length === 0) continue;
        for (const person of directory.people) {
          const subject = subjectOf(person, port);
          if (!conditionHolds(decision.subscription, subject)) continue;
          const policies = applicableRowPolicies(decision, undefined, subject.groups);
          add(env.name, person.name, product.id, port, views(mesh, person, columns, undefined, TABLE_PERMISSIONS.read, policies));
        }
      }
    }
  }
  return normalized(out);
}

/**
 * Membership as the mesh declares it: in one of the groups, one of the users, or meeting an
 * attribute rule (every key; one of its values, or one below it for a hierarchical attribute).
 */
function isMember(members: Members, s: ConditionSubject): boolean {
  return (
    members.groups.some((g) => s.groups.has(g)) ||
    members.users.includes(s.user) ||
    members.attributes.some((rule) =>
      Object.entries(rule).every(([name, wanted]) =>
        (s.attributes[name] ?? []).some((v) =>
          (typeof wanted === 'string' ? [wanted] : wanted).some((w) => (s.hierarchical(name) ? isWithin(v, w) : v === w)),
        ),
      ),
    )
  );
}

/** The views of one way in for one person: one per combination of the declared values they hold of the attributes the row policies use. */
function views(
  mesh: Mesh,
  person: DirectoryPerson,
  columns: readonly string[],
  rows: string | undefined,
  permissions: readonly string[],
  policies: readonly RowPolicy[],
): View[] {
  const filters = policies.map((p) => parsedRowPolicy(p, mesh.attributes));
  const used = [...new Set(filters.flatMap((f) => rowPolicyAttributes(f, mesh.attributes)))];
  let combinations: Record<string, string>[] = [{}];
  for (const a of used) {
    const held = (person.attributes[a.name] ?? []).filter((v) => (a.values ?? []).includes(v));
    combinations = combinations.flatMap((c) => held.map((v) => ({ ...c, [a.name]: v })));
  }
  return combinations.map((values) => ({
    columns: [...columns].sort(),
    rows: [
      ...new Set([
        ...(rows === undefined ? [] : conjuncts(rows)),
        ...filters.flatMap((f) => conjunctsOf(substituteParameters(f, values).condition)),
      ]),
    ].sort(),
    permissions: [...permissions].sort(),
  }));
}

/**
 * What readback says each person may read: every principal of the synthesized stacks the
 * person can become (their groups' and user's principals, their attributes as session tags
 * through the trust policies), with that principal's columns, rows and permissions.
 */
export function readBackPersonAccess(mesh: Mesh, report: AccessReport, directory: DirectorySnapshot): PersonAccess {
  const out: PersonAccess = new Map();
  const identities = new Map(
    mesh.environments.map((env): [string, IdentityMapping] => [
      env.name,
      { ...env, multiValuedAttributes: mesh.attributes.filter((a) => a.multiValued).map((a) => a.name) },
    ]),
  );
  for (const a of report.access) {
    const view: View = {
      columns: [...a.columns].sort(),
      rows: a.rows === undefined ? [] : [...new Set(conjuncts(a.rows))].sort(),
      permissions: [...a.permissions].sort(),
    };
    for (const { person } of whoCanBecome(a.principal.members, directory, identities.get(a.environment)!).people) {
      const key = `${a.environment} ${person} ${a.product}/${a.table}`;
      out.set(key, [...(out.get(key) ?? []), view]);
    }
  }
  return normalized(out);
}

/** The conditions a filter ANDs, each in canonical text. */
function conjuncts(rows: string): string[] {
  const parsed = parseRowFilter(rows);
  if (!parsed.ok) throw new Error(`not a row filter: ${rows}`);
  return conjunctsOf(parsed.filter.condition);
}

function conjunctsOf(c: RowCondition): string[] {
  return c.kind === 'and' ? c.operands.flatMap(conjunctsOf) : [renderCondition(c)];
}

const covers = (a: View, b: View) =>
  b.columns.every((c) => a.columns.includes(c)) &&
  b.permissions.every((p) => a.permissions.includes(p)) &&
  a.rows.every((r) => b.rows.includes(r));

/** Each key's views without duplicates and without those another covers, sorted; keys sorted. */
function normalized(access: PersonAccess): PersonAccess {
  const out: PersonAccess = new Map();
  for (const key of [...access.keys()].sort()) {
    const unique = [...new Map(access.get(key)!.map((v) => [JSON.stringify(v), v])).values()];
    const kept = unique.filter((v, i) => !unique.some((w, j) => j !== i && covers(w, v) && (!covers(v, w) || j < i)));
    out.set(
      key,
      kept.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
    );
  }
  return out;
}

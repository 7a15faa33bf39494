/**
 * The typical changes a mesh sees, as edits of a generated mesh spec (bench/generator.ts): what
 * the change-cost table measures (spec lines and Terraform resources touched), and the changes
 * the report benchmarks diff (`diff` after a purpose changes, `impact` after a group joins).
 * Each edit picks its target deterministically from the spec, so that the same mesh gives the
 * same change.
 */
import type { MeshSpec } from '../lib/model';

/** A spec being edited (the model's types are read-only). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Editable = any;

/** One typical change. */
export interface TypicalChange {
  readonly id: string;
  /** As the table names it. */
  readonly title: string;
  /** The changed spec (a copy), or why the change cannot be made on this mesh yet. */
  readonly apply: (spec: MeshSpec) => MeshSpec | { readonly pending: string };
}

const edited = (spec: MeshSpec, edit: (s: Editable) => void): MeshSpec => {
  const copy = structuredClone(spec) as Editable;
  edit(copy);
  return copy as MeshSpec;
};

/** The first product promoted to every environment (the common case), else the first product. */
function everywhere(s: Editable): Editable {
  const all = s.environments.length;
  return s.products.find((p: Editable) => p.promotedTo.length === all) ?? s.products[0];
}

/** A purpose's view: the classes it may see, one more (or one fewer when it sees them all). */
export function changePurposeView(spec: MeshSpec): MeshSpec {
  return edited(spec, (s) => {
    const purpose = s.purposes.find((p: Editable) => p.allowedClasses.includes('financial') && !p.allowedClasses.includes('pii'));
    purpose.allowedClasses = [...purpose.allowedClasses, 'pii'].sort();
  });
}

/** One directory group joins a purpose: its members gain what the purpose sees. */
export function addGroupToPurpose(spec: MeshSpec): MeshSpec {
  return edited(spec, (s) => {
    const purpose = s.purposes[0];
    // Approved by the purpose's approver, as every generated member is (security/purpose-member-approval).
    const group = {
      name: `${s.domains[0].name}-analysts`,
      approvedBy: purpose.approver,
      approvedOn: '2026-01-15',
      reason: 'joins the purpose',
    };
    purpose.members = { ...purpose.members, groups: [...(purpose.members?.groups ?? []), group] };
  });
}

/**
 * A subscription's people: the first policy that admits by department admits one department more
 * (`risk` joins `finance` on the first domain's data), or why not when the mesh has none.
 */
export function changeGlobalPolicy(spec: MeshSpec): MeshSpec | { readonly pending: string } {
  const admits = (p: Editable) => Array.isArray(p.allow?.attributes?.department);
  if (!(spec.policies ?? []).some((p) => admits(p) && !(p as Editable).allow.attributes.department.includes('risk')))
    return { pending: 'the mesh has no subscription by department: generate it with global policies (`policies: true`)' };
  return edited(spec, (s) => {
    const policy = s.policies.find((p: Editable) => admits(p) && !p.allow.attributes.department.includes('risk'));
    policy.allow.attributes.department = [...policy.allow.attributes.department, 'risk'];
  });
}

export const TYPICAL_CHANGES: readonly TypicalChange[] = [
  {
    id: 'add-table',
    title: 'add a table (an output port)',
    apply: (spec) =>
      edited(spec, (s) => {
        const p = everywhere(s);
        const port = structuredClone(p.outputPorts[0]);
        port.name = `${port.name}-archive`;
        p.outputPorts.push(port);
        p.grants.push(
          ...p.grants.filter((g: Editable) => g.port === p.outputPorts[0].name && g.role).map((g: Editable) => ({ ...g, port: port.name })),
        );
      }),
  },
  {
    id: 'add-pii-column',
    title: 'add a PII column',
    apply: (spec) =>
      edited(spec, (s) => {
        everywhere(s).outputPorts[0].columns.push({ name: 'contact_email', type: 'string', tags: ['email'] });
      }),
  },
  {
    id: 'add-person',
    title: "add a person (a user to a product's Owner role)",
    apply: (spec) =>
      edited(spec, (s) => {
        const p = everywhere(s);
        const users = Object.keys(s.environments[0].identity.users);
        const owner = p.roles.owner.members;
        const person = users.find((u) => !(owner.users ?? []).includes(u));
        p.roles.owner.members = { ...owner, users: [...(owner.users ?? []), person] };
      }),
  },
  {
    id: 'add-purpose',
    title: 'add a purpose bound to ten products',
    apply: (spec) =>
      edited(spec, (s) => {
        const name = 'churn-analysis';
        s.purposes.push({
          name,
          approver: 'approver-churn',
          members: { groups: [{ name: `${name}-team`, approvedBy: 'approver-churn', approvedOn: '2026-01-15', reason: 'churn study' }] },
          allowedClasses: ['reference'],
        });
        s.environments.forEach((e: Editable, i: number) => {
          e.identity.groups[`${name}-team`] =
            `arn:aws:iam::${e.account}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_${name}-team_${i}`;
        });
        const all = s.environments.length;
        for (const p of s.products.filter((x: Editable) => x.promotedTo.length === all).slice(0, 10))
          p.purposes.push({ purpose: name, ports: [p.outputPorts[0].name] });
      }),
  },
  { id: 'change-purpose-view', title: 'change what a purpose may see (one more class)', apply: changePurposeView },
  {
    id: 'promote-product',
    title: 'promote a product (dev to prod)',
    apply: (spec) =>
      edited(spec, (s) => {
        const all = s.environments.map((e: Editable) => e.name);
        // A dev-only product whose inputs are already everywhere: promotion needs its sources there first.
        const everywhereIds = new Set(s.products.filter((p: Editable) => p.promotedTo.length === all.length).map((p: Editable) => p.id));
        const p = s.products.find(
          (x: Editable) =>
            x.promotedTo.length === 1 &&
            (x.inputPorts ?? []).every((i: Editable) => everywhereIds.has(i.product)) &&
            !Object.values(x.roles).some((r: Editable) => (r.members?.groups ?? []).some((g: string) => g.endsWith('-sandbox'))),
        );
        p.promotedTo = all;
      }),
  },
  { id: 'change-global-policy', title: 'change one global policy (one more department)', apply: changeGlobalPolicy },
];

import { MeshSpec, buildMesh } from '../../lib';
import { checkPolicies } from '../../lib/policy/check-policies';
import { Testing } from '../../constructs/cdktf';
import { addEnvironmentStack } from '../../stacks/synthesize';
import { exampleSpec } from '../helpers/synth';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- synthesized Terraform JSON

/** The example (without global policies) with its dev environment in `layout`. */
function exampleIn(layout: 'one' | 'per-domain', edit: (spec: MeshSpec) => MeshSpec = (s) => s): MeshSpec {
  const spec = edit(exampleSpec());
  return { ...spec, environments: spec.environments.map((e) => (e.name === 'dev' ? { ...e, stacks: layout } : e)) };
}

/** The dev environment's stacks: name -> JSON, in the order they are applied, and each one's stack dependencies. */
function synthDev(spec: MeshSpec): { json: Record<string, Json>; dependencies: Record<string, string[]> } {
  const mesh = buildMesh(spec);
  const deployment = addEnvironmentStack(Testing.app(), mesh, 'dev', checkPolicies(mesh));
  return {
    json: Object.fromEntries(deployment.stacks.map((s) => [s.node.id, JSON.parse(Testing.synth(s, true)) as Json])),
    dependencies: Object.fromEntries(deployment.stacks.map((s) => [s.node.id, s.dependencies.map((d) => d.node.id).sort()])),
  };
}

/** `<type>.<name>` -> body without `//` metadata and `depends_on`, for every resource of the stacks. */
function resources(stacks: readonly Json[]): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const stack of stacks)
    for (const [type, byName] of Object.entries(stack.resource as Json))
      for (const [name, body] of Object.entries(byName as Json)) {
        const { '//': _meta, depends_on: _after, ...rest } = body as Json;
        if (out.has(`${type}.${name}`)) throw new Error(`${type}.${name} in two stacks`);
        out.set(`${type}.${name}`, rest);
      }
  return out;
}

describe('an environment split per domain', () => {
  const one = synthDev(exampleIn('one'));
  const split = synthDev(exampleIn('per-domain'));

  it('is a foundation stack and one stack per domain, each in its own state, every domain stack applied after the foundation', () => {
    expect(Object.keys(split.json)).toEqual([
      'acme-dev',
      'acme-dev_customers',
      'acme-dev_logistics',
      'acme-dev_marketing',
      'acme-dev_payments',
    ]);
    expect(Object.values(split.json).map((s) => s.terraform.backend.s3.key)).toEqual([
      'meshgrant/dev.tfstate',
      'meshgrant/dev/customers.tfstate',
      'meshgrant/dev/logistics.tfstate',
      'meshgrant/dev/marketing.tfstate',
      'meshgrant/dev/payments.tfstate',
    ]);
    expect(split.dependencies['acme-dev']).toEqual([]);
    for (const domain of ['customers', 'logistics', 'marketing', 'payments'])
      expect(split.dependencies[`acme-dev_${domain}`]).toContain('acme-dev');
  });

  it("applies a domain's stack after the stack of another domain's role it grants to", () => {
    // payments.transactions grants marketing.attribution's Engineers: the grant is planned with the table.
    expect(split.dependencies['acme-dev_payments']).toEqual(['acme-dev', 'acme-dev_marketing']);
    const grants = Object.values(split.json['acme-dev_payments'].resource.aws_lakeformation_permissions as Json);
    expect(grants.some((g) => g.principal.endsWith(':role/acme-dev-marketing-attribution-engineer'))).toBe(true);
  });

  it('holds every resource of the single stack once, at the same Terraform address, with the same body', () => {
    expect(resources(Object.values(split.json))).toEqual(resources(Object.values(one.json)));
  });

  it('keeps the LF-tags, the data lake settings and the purposes in the foundation, the products in their domains', () => {
    const types = (stack: string) => Object.keys(split.json[stack].resource as Json);
    expect(types('acme-dev')).toEqual(
      expect.arrayContaining(['aws_lakeformation_lf_tag', 'aws_lakeformation_data_lake_settings', 'aws_iam_role']),
    );
    expect(types('acme-dev')).not.toContain('aws_glue_catalog_database');
    const roles = Object.values(split.json['acme-dev'].resource.aws_iam_role as Json).map((r) => r.name);
    expect(roles.every((name: string) => name.startsWith('acme-dev-purpose-'))).toBe(true);
    for (const domain of ['customers', 'logistics', 'marketing', 'payments']) {
      expect(types(`acme-dev_${domain}`)).not.toContain('aws_lakeformation_lf_tag');
      const databases = Object.values(split.json[`acme-dev_${domain}`].resource.aws_glue_catalog_database as Json);
      expect(databases.every((d) => d.name.startsWith(`acme_dev_${domain}_`))).toBe(true);
    }
  });

  it('refers to nothing outside each stack: every expression and depends_on names a resource of the same stack', () => {
    for (const [stack, json] of Object.entries(split.json)) {
      const own = new Set(resources([json]).keys());
      const referenced = [...JSON.stringify(json.resource).matchAll(/\$\{(aws_[a-z_]+\.[^.}]+)/g)].map((m) => m[1]);
      const after = Object.values(json.resource as Json).flatMap((byName) =>
        Object.values(byName as Json).flatMap((b) => (b.depends_on ?? []) as string[]),
      );
      expect({ stack, outside: [...referenced, ...after].filter((a) => !own.has(a)) }).toEqual({ stack, outside: [] });
      expect(json.data).toBeUndefined();
    }
  });

  it("changes only the product's domain stack when one product changes", () => {
    const withColumn = synthDev(
      exampleIn('per-domain', (spec) => ({
        ...spec,
        products: spec.products!.map((p) =>
          p.id !== 'payments.refunds'
            ? p
            : {
                ...p,
                outputPorts: p.outputPorts.map((port, i) =>
                  i === 0 ? { ...port, columns: [...port.columns, { name: 'refund_email', type: 'string', tags: ['email'] }] } : port,
                ),
              },
        ),
      })),
    );
    const changed = Object.keys(split.json).filter((s) => JSON.stringify(split.json[s]) !== JSON.stringify(withColumn.json[s]));
    expect(changed).toEqual(['acme-dev_payments']);
  });
});

import * as fc from 'fast-check';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Mesh, MeshSpec, buildMesh } from '../../lib';
import { loadMesh } from '../../lib/spec';
import { acmeMeshSpec } from '../../examples/acme-mesh';
import { exampleSpec, synthEnvironmentStacks } from '../helpers/synth';
import { meshSpecArb } from '../readback/mesh-generator';
import { OfflineTerraform, announceOfflineTerraform, declaredAddresses, planStacks } from './terraform-offline';

/**
 * What we synthesize, planned by real Terraform with the real AWS provider (offline: a provider
 * mirror, fake credentials, `plan -refresh=false`). Every resource must plan, and every user
 * string must come out of the plan exactly as the user wrote it: Terraform evaluates `${` and
 * `%{` in every string, so unescaped text would be read as an expression (docs/aws-mapping.md).
 * A plan cannot prove what only an apply shows (docs/terraform-plan.md).
 */
const tf = announceOfflineTerraform('terraform plan suite');
const describeWithTerraform = tf ? describe : describe.skip;

/**
 * Hostile text in every free-text field that reaches Terraform (the product title in the Glue
 * database description, port and column descriptions); the product's own description is not
 * synthesized, so the second text goes into a column.
 */
const HOSTILE = {
  title: 'Title ${file("/etc/hostname")} %{if true}yes%{endif}',
  description: 'Desc $${aws:PrincipalTag/x} ${aws:username} "quoted" back\\slash ünïcode',
  port: 'Port ${path.module} %%{x}',
  column: 'Column $${x} ${var.nothing}',
};

/** The spec with `environment` split per domain. */
function perDomain(spec: MeshSpec, environment: string): MeshSpec {
  return { ...spec, environments: spec.environments.map((e) => (e.name === environment ? { ...e, stacks: 'per-domain' as const } : e)) };
}

function hostileSpec(): MeshSpec {
  const spec = exampleSpec();
  const products = spec.products!.map((p) =>
    p.id !== 'payments.transactions'
      ? p
      : {
          ...p,
          info: { ...p.info, title: HOSTILE.title },
          outputPorts: p.outputPorts.map((port, i) =>
            i > 0
              ? port
              : {
                  ...port,
                  description: HOSTILE.port,
                  columns: port.columns.map((c, j) =>
                    j === 0 ? { ...c, description: HOSTILE.column } : j === 1 ? { ...c, description: HOSTILE.description } : c,
                  ),
                },
          ),
        },
  );
  return { ...spec, products };
}

/**
 * Each stack of each environment (or of those named), as a child module `<label>_<stack>`. A stack
 * of an environment split per domain refers to no other stack: as a module of its own, it plans alone.
 */
function stacksOf(label: string, mesh: Mesh, environments = mesh.environments.map((e) => e.name)): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    environments.flatMap((e) =>
      Object.entries(synthEnvironmentStacks(mesh, e)).map(([stack, json]) => [
        `${label}_${stack.slice(mesh.name.length + 1)}`,
        JSON.parse(json) as Record<string, unknown>,
      ]),
    ),
  );
}

/** Every string in a JSON value. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v !== null && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

describeWithTerraform('real Terraform plans what meshgrant synthesizes', () => {
  const terraform = tf as OfflineTerraform;
  const randomMeshes = fc.sample(meshSpecArb, { seed: 11, numRuns: 5 }).map((s) => buildMesh(s));
  const stacks = {
    // The example whole: its global policies' principals, segment filters and grants too.
    ...stacksOf('acme', buildMesh(acmeMeshSpec)),
    // Its dev environment split per domain: the foundation, and each domain's stack on its own.
    ...stacksOf('split', buildMesh(perDomain(acmeMeshSpec, 'dev')), ['dev']),
    ...stacksOf('hostile', buildMesh(hostileSpec())),
    // Tables owned elsewhere (no Glue resources) in hybrid access mode (opt-ins, hybrid registrations).
    ...stacksOf('brownfield', loadMesh(join(__dirname, '..', '..', 'examples', 'brownfield'))),
    ...Object.assign({}, ...randomMeshes.map((m, i) => stacksOf(`random${i}`, m))),
  };
  let dir: string;
  let plan: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- terraform show -json

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'meshgrant-tfplan-'));
    const result = planStacks(terraform, dir, stacks);
    plan = result.plan;
    console.log(`terraform plan of ${Object.keys(stacks).length} stacks: ${JSON.stringify(result.seconds)} s`);
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plans every resource of the example (global policies included), the hostile mesh and 5 random meshes, creating each once', () => {
    const planned = (plan.resource_changes as { address: string; change: { actions: string[] } }[]).map((c) => c.address).sort();
    expect(planned).toEqual(declaredAddresses(stacks));
    expect(new Set(plan.resource_changes.map((c: { change: { actions: string[] } }) => c.change.actions.join(',')))).toEqual(
      new Set(['create']),
    );
  });

  it('plans the example split per domain: the foundation and each domain stack alone, as many resources as in one stack', () => {
    const split = Object.keys(stacks).filter((k) => k.startsWith('split_'));
    expect(split).toEqual(['split_dev', 'split_dev_customers', 'split_dev_logistics', 'split_dev_marketing', 'split_dev_payments']);
    const count = (prefix: string) => (plan.resource_changes as { address: string }[]).filter((c) => c.address.startsWith(prefix)).length;
    expect(split.map((k) => count(`module.${k}.`)).reduce((a, b) => a + b)).toBe(count('module.acme_dev.'));
  });

  it('plans the brownfield example without a Glue resource, with hybrid registrations and opt-ins', () => {
    const planned = (plan.resource_changes as { address: string; type: string; change: { after: Record<string, unknown> } }[]).filter((c) =>
      c.address.startsWith('module.brownfield_dev.'),
    );
    expect(planned.filter((c) => c.type.startsWith('aws_glue_'))).toEqual([]);
    expect(planned.filter((c) => c.type === 'aws_lakeformation_resource').map((c) => c.change.after.hybrid_access_enabled)).toEqual([
      true,
      true,
    ]);
    expect(planned.filter((c) => c.type === 'aws_lakeformation_opt_in').length).toBe(6);
  });

  it('carries every hostile string into the planned values exactly as written', () => {
    const planned = strings(plan.planned_values);
    const missing = Object.values(HOSTILE).filter((text) => !planned.some((s) => s.includes(text)));
    expect(missing).toEqual([]);
  });
});

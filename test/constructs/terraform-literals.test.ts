import { buildMesh } from '../../lib';
import { escapeTemplateLiteral, templateSequences } from '../../lib/terraform/template-literal';
import { IamRole, IamRolePolicy } from '../../constructs/aws';
import { Construct, Lazy, Testing } from '../../constructs/cdktf';
import { SelfContainedStack } from '../../constructs/self-contained-stack';
import { strayExpressions } from '../../constructs/terraform-literals';
import { exampleSpec, resourcesOf, synthEnvironment } from '../helpers/synth';

/** Blocks synthesize as a list of one or as an object, depending on the provider's schema. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const one = (block: any) => (Array.isArray(block) ? block[0] : block);

/** Strings Terraform would evaluate if they were written as they are. */
const HOSTILE = ['${file("/etc/hostname")}', '%{if true}x%{endif}', '$${aws:PrincipalTag/x}', '%%{ not a directive }', 'ends in $'];

describe('Terraform template literals', () => {
  test('escaping doubles the sigil of every `${` and `%{`, and nothing else', () => {
    expect(escapeTemplateLiteral('${file("x")} costs $5, 100% {sure}')).toBe('$${file("x")} costs $5, 100% {sure}');
    expect(escapeTemplateLiteral('%{if a}b%{endif}')).toBe('%%{if a}b%%{endif}');
    // An already escaped sequence is the user's text too: it must come out of Terraform as written.
    expect(escapeTemplateLiteral('$${x} %%{y}')).toBe('$$${x} %%%{y}');
  });

  test('sequences are found the way Terraform scans them', () => {
    expect(templateSequences('a ${b.c.d} %{ if x }')).toEqual([
      { kind: 'interpolation', body: 'b.c.d', closed: true },
      { kind: 'directive', body: ' if x ', closed: true },
    ]);
    expect(templateSequences('$${a} %%{b} $$${c} $5 {d}')).toEqual([]);
    expect(templateSequences('${f({a = 1})} ${open')).toEqual([
      { kind: 'interpolation', body: 'f({a = 1})', closed: true },
      { kind: 'interpolation', body: 'open', closed: false },
    ]);
    for (const s of HOSTILE) expect(templateSequences(escapeTemplateLiteral(s))).toEqual([]);
  });
});

describe('synthesized stacks carry user text verbatim', () => {
  const spec = exampleSpec();
  const [text1, text2, text3, text4, text5] = HOSTILE;
  const transactions = spec.products!.find((p) => p.id === 'payments.transactions')!;
  const refunds = spec.products!.find((p) => p.id === 'payments.refunds')!;
  (transactions.info as { title: string }).title = text1;
  (transactions.outputPorts[0] as { description?: string }).description = text3;
  (transactions.outputPorts[0].columns[0] as { description?: string }).description = text4;
  (transactions.purposes![0] as { rows?: string }).rows = `country = '${text2}'`;
  (refunds.purposes![0] as { rows?: string }).rows = "reason <> '${var.secret}'";
  (refunds.info as { title: string }).title = text5;
  const json = synthEnvironment(buildMesh(spec), 'dev');

  test('every free-text field comes out escaped, so Terraform sends it as written', () => {
    const database = resourcesOf(json, 'aws_glue_catalog_database').find((d) => d.name === 'acme_dev_payments_transactions')!;
    expect(database.description).toBe(escapeTemplateLiteral(`${text1} (payments.transactions); owner jane.doe`));
    const table = resourcesOf(json, 'aws_glue_catalog_table').find(
      (t) => t.database_name === 'acme_dev_payments_transactions' && t.name === 'transactions',
    )!;
    expect(table.description).toBe(escapeTemplateLiteral(text3));
    expect(table.storage_descriptor.columns[0].comment).toBe(escapeTemplateLiteral(text4));
    const filters = resourcesOf(json, 'aws_lakeformation_data_cells_filter').map(
      (f) => one(one(f.table_data).row_filter).filter_expression,
    );
    expect(filters).toContain(escapeTemplateLiteral(`country = '${text2}'`));
    expect(filters).toContain("reason <> '$${var.secret}'");
    const refundsDatabase = resourcesOf(json, 'aws_glue_catalog_database').find((d) => d.name === 'acme_dev_payments_refunds')!;
    expect(refundsDatabase.description).toBe(`${text5} (payments.refunds); owner jane.doe`);
  });

  test('the only expressions left are references to resources of the same stack', () => {
    expect(strayExpressions(JSON.parse(json))).toEqual([]);
    for (const policy of resourcesOf(json, 'aws_iam_role_policy')) expect(policy.role).toMatch(/^\$\{aws_iam_role\.[A-Za-z0-9_-]+\.id\}$/);
  });

  test('no IAM policy reaches IAM with a policy variable: no `${` after Terraform reads the template', () => {
    const documents = [
      ...resourcesOf(json, 'aws_iam_role').map((r) => r.assume_role_policy as string),
      ...resourcesOf(json, 'aws_iam_role_policy').map((r) => r.policy as string),
    ];
    expect(documents.length).toBeGreaterThan(0);
    for (const doc of documents) expect(doc.replace(/([$%])\1\{/g, '$1{')).not.toContain('${');
  });
});

class Probe extends SelfContainedStack {
  constructor(scope: Construct) {
    super(scope, 'probe');
    const role = new IamRole(this, 'role', {
      name: 'probe',
      assumeRolePolicy: '{"Statement":[{"Resource":"${aws:username}"}]}',
      description: `made for ${'${file("x")}'}`,
    });
    new IamRolePolicy(this, 'policy', {
      role: role.id,
      // Data produced lazily is literal text too; a reference concatenated with text stays a reference.
      policy: Lazy.stringValue({ produce: () => JSON.stringify({ Resource: '${aws:username}' }) }),
      name: `${role.name}-%{x}`,
    });
  }
}

describe('resolution separates references from text', () => {
  const stack = new Probe(Testing.app());
  const json = JSON.parse(Testing.synth(stack));
  const role = json.resource.aws_iam_role.role;
  const policy = json.resource.aws_iam_role_policy.policy;

  test('plain strings, lazily produced strings and text around tokens are escaped', () => {
    expect(role.assume_role_policy).toBe('{"Statement":[{"Resource":"$${aws:username}"}]}');
    expect(role.description).toBe('made for $${file("x")}');
    expect(policy.policy).toBe('{"Resource":"$${aws:username}"}');
  });

  test('tokens cdktf made stay references', () => {
    expect(policy.role).toBe('${aws_iam_role.role.id}');
    expect(policy.name).toBe('${aws_iam_role.role.name}-%%{x}');
  });

  test('the guard names any expression that is not a reference of the stack', () => {
    const bad = {
      resource: { aws_iam_role: { r: { description: '${file("x")}', name: '${aws_iam_role.other.id}', tags: { '%{k}': 'v' } } } },
    };
    expect(strayExpressions(bad)).toEqual([
      { path: 'resource.aws_iam_role.r.description', sequence: '${file("x")}' },
      { path: 'resource.aws_iam_role.r.name', sequence: '${aws_iam_role.other.id}' },
      { path: 'resource.aws_iam_role.r.tags.%{k}', sequence: '%{k}' },
    ]);
  });
});

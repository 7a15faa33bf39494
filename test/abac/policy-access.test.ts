import { AccessEntry, MeshSpec, buildMesh, checkPolicies, environmentPlan } from '../../lib';
import { acmeMeshSpec } from '../../examples/acme-mesh';
import { describePrincipal, holderKey } from '../../lib/plan';
import { resourcesOf, synthEnvironment } from '../helpers/synth';

/**
 * The global policies of examples/acme, through the access plan to the synthesized Terraform:
 * pci-trained guards every way to transactions, own-country-and-line segments daily-totals,
 * payments-readers and own-business-line admit by subscription.
 */
describe('global policies in the access plan', () => {
  const mesh = buildMesh(acmeMeshSpec);
  const prod = environmentPlan(mesh, 'prod');
  const on = (port: string) => prod.filter((e) => e.port === port);

  it('hold every way to a guarded table by a principal that also needs the guardrail', () => {
    const ways = on('transactions');
    expect(ways.length).toBeGreaterThan(0);
    for (const e of ways) {
      expect(e.holder.kind).toBe('policy');
      if (e.holder.kind !== 'policy') continue;
      expect(e.holder.principal.policies).toContain('pci-trained');
      expect(describePrincipal(e.holder.principal)).toContain('trainings in (pci)');
      expect(e.mechanism).not.toBe('tag-policy');
    }
    // The analyst reads as before, through a principal guarded for it.
    const analyst = ways.find((e) => e.via.kind === 'role' && e.via.role === 'analyst')!;
    expect(analyst.holder.kind === 'policy' && analyst.holder.principal.guards).toEqual({
      kind: 'role',
      product: 'payments.transactions',
      role: 'analyst',
    });
    expect(describePrincipal((analyst.holder as Extract<AccessEntry['holder'], { kind: 'policy' }>).principal)).toBe(
      '(group in (payments-analysts) OR (country in (FR, US) AND department in (finance))) AND trainings in (pci)',
    );
  });

  it('segment a row policy per declared value, values substituted and ANDed, the excepted purpose unsegmented', () => {
    const ways = on('daily-totals').filter((e) => e.level === 'read');
    const analyst = ways.filter((e) => e.via.kind === 'role' && e.via.role === 'analyst');
    expect(analyst.map((e) => e.rows).sort()).toEqual([
      "country = 'DE' AND business_line = 'corporate'",
      "country = 'DE' AND business_line = 'retail'",
      "country = 'FR' AND business_line = 'corporate'",
      "country = 'FR' AND business_line = 'retail'",
      "country = 'US' AND business_line = 'corporate'",
      "country = 'US' AND business_line = 'retail'",
    ]);
    // Analysts admitted by attribute hold country FR or US: the DE segments admit the group only.
    const de = analyst.find((e) => e.rows === "country = 'DE' AND business_line = 'retail'")!;
    expect(de.holder.kind === 'policy' && describePrincipal(de.holder.principal)).toBe(
      'group in (payments-analysts) AND businessLine is retail AND country is DE',
    );
    const reporting = ways.find((e) => e.via.kind === 'purpose' && e.via.purpose === 'finance-reporting')!;
    expect([holderKey(reporting.holder), reporting.rows]).toEqual(['purpose:finance-reporting', undefined]);
    // Writers are guarded, never row-filtered: Lake Formation filters reads only.
    expect(on('daily-totals').find((e) => e.level === 'write')).toMatchObject({ holder: { kind: 'role', role: 'engineer' } });
  });

  it('admit subscribers through one principal per merged condition, up to the default level', () => {
    const refunds = on('refunds').filter((e) => e.via.kind === 'policy');
    expect(refunds).toHaveLength(1);
    expect(refunds[0].via).toEqual({ kind: 'policy', policies: ['payments-readers'] });
    expect(refunds[0].source.path).toEqual(['policies', 0]);
    // iban and amount are confidential: hidden from subscribers.
    expect(refunds[0].columns).toEqual(['reason', 'refund_date', 'refund_id', 'txn_id']);
    const transactions = on('transactions').filter((e) => e.via.kind === 'policy');
    expect(transactions.map((e) => e.holder.kind === 'policy' && describePrincipal(e.holder.principal))).toEqual([
      'trainings in (pci) AND department in (finance, risk)',
    ]);
    const revenue = on('attributed-revenue').find((e) => e.via.kind === 'policy')!;
    expect(revenue.holder.kind === 'policy' && revenue.holder.principal.tableTags).toEqual(['retail.online']);
  });

  it('leave a mesh without global policies as it was', () => {
    const { attributes: _a, policies: _p, ...rest } = acmeMeshSpec;
    const plain = environmentPlan(buildMesh(rest), 'prod');
    expect(plain.every((e) => e.holder.kind !== 'policy')).toBe(true);
    expect(plain.filter((e) => e.port === 'transactions').map((e) => holderKey(e.holder))).toEqual([
      'payments.transactions/analyst',
      'payments.transactions/engineer',
      'payments.transactions/owner',
      'marketing.attribution/engineer',
      'purpose:fraud-detection',
      'purpose:finance-reporting',
      'purpose:marketing-analytics',
    ]);
  });
});

describe('global policies synthesized', () => {
  const mesh = buildMesh(acmeMeshSpec);
  const json = synthEnvironment(mesh, 'prod');
  const roles = resourcesOf(json, 'aws_iam_role').filter((r) => r.tags.Policy !== undefined);

  it('make one IAM role per principal, tagged with its environment, policies and segment', () => {
    const principals = new Set(environmentPlan(mesh, 'prod').flatMap((e) => (e.holder.kind === 'policy' ? [e.holder.principal.id] : [])));
    expect(roles.map((r) => r.name).sort()).toEqual([...principals].map((id) => `acme-prod-${id}`).sort());
    const segment = roles.find((r) => r.tags.Segment === 'businessLine=retail country=FR' && r.tags.Guards === undefined)!;
    expect(segment.tags).toEqual({
      Environment: 'prod',
      Policy: 'own-country-and-line payments-readers',
      Segment: 'businessLine=retail country=FR',
    });
    const trust = JSON.parse(segment.assume_role_policy);
    expect(trust.Statement).toEqual([
      {
        Sid: 'Attributes1',
        Effect: 'Allow',
        Principal: {
          AWS: ['arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_DataConsumers_d19f8e7d6c5b4a3921'],
        },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringLike: {
            'aws:PrincipalTag/businessLine': ['retail'],
            'aws:PrincipalTag/country': ['FR'],
            'aws:PrincipalTag/department': ['finance', 'risk'],
          },
        },
      },
    ]);
  });

  it('never trust an account root', () => {
    for (const r of roles) {
      for (const s of JSON.parse(r.assume_role_policy).Statement) {
        if (s.Effect === 'Allow') expect(JSON.stringify(s.Principal)).not.toMatch(/:root"/);
      }
    }
  });

  it('grant each segment its own data cells filter with the values substituted', () => {
    const filters = resourcesOf(json, 'aws_lakeformation_data_cells_filter').filter((f) =>
      f.table_data[0].name.startsWith('daily_totals-policy-'),
    );
    const rows = filters.map((f) => f.table_data[0].row_filter[0].filter_expression);
    expect(rows).toContain("country = 'FR' AND business_line = 'retail'");
    expect(filters).toHaveLength(12);
    const grants = resourcesOf(json, 'aws_lakeformation_permissions').filter((p) => p.data_cells_filter);
    for (const f of filters) expect(grants.some((g) => g.data_cells_filter.name === f.table_data[0].name)).toBe(true);
  });
});

describe('what AWS cannot enforce', () => {
  const spec = (policies: MeshSpec['policies']): MeshSpec => ({ ...acmeMeshSpec, policies });

  it('is refused at validation with the reason', () => {
    const mesh = buildMesh(
      spec([
        {
          name: 'both-trainings',
          on: { ports: ['payments.refunds/refunds'] },
          allow: { attributes: { trainings: 'pci' }, anyOf: [{ attributes: { trainings: 'privacy' } }] },
        },
      ]),
    );
    const errors = checkPolicies(mesh).findings.filter((f) => f.rule === 'aws/policy-trust-enforceable');
    expect(errors.map((f) => [f.severity, f.message])).toEqual(
      ['dev', 'prod'].map((env) => [
        'error',
        `policy both-trainings: in ${env}, who may read payments.refunds/refunds (trainings in (pci) AND (trainings in (privacy))) cannot be said in an IAM trust policy: two values of multi-valued attribute \`trainings\` must be held together, which one trust statement cannot test (the attribute travels in one session tag, matched against one list of patterns)`,
      ]),
    );
  });

  it('refuses NOT over a directory group: a session is one principal, so its members would come in through their other sessions', () => {
    const mesh = buildMesh(
      spec([
        {
          name: 'finance-not-marketing',
          on: { ports: ['payments.refunds/refunds'] },
          allow: { attributes: { department: 'finance' }, not: { groups: ['marketing-analysts'] } },
        },
      ]),
    );
    const errors = checkPolicies(mesh).findings.filter((f) => f.rule === 'aws/policy-trust-enforceable');
    expect(errors.map((f) => f.severity)).toEqual(['error', 'error']);
    expect(errors[0].message).toMatch(/cannot be said in an IAM trust policy: NOT group in \(marketing-analysts\) cannot be enforced/);
  });

  it('refuses a row policy over an attribute without declared values', () => {
    expect(() =>
      buildMesh({
        ...spec([{ name: 'by-line', on: { ports: ['payments.refunds/refunds'] }, rows: 'reason = @businessLine' }]),
        attributes: [{ name: 'businessLine', hierarchical: true }],
      }),
    ).toThrow(
      'policies[0].rows: policy by-line: `@businessLine` needs the declared values of attribute `businessLine`: on AWS each value is one segment (a principal and a data cells filter) (declare `values:` for `businessLine` in mesh.yaml)',
    );
  });

  it('refuses a row policy on a column a table it lands on lacks', () => {
    expect(() => buildMesh(spec([{ name: 'own', on: { domains: ['payments'] }, rows: 'business_line = @businessLine' }]))).toThrow(
      /policies\[0\]\.rows: policy own on payments\.refunds\/refunds: row filter: unknown column `business_line`/,
    );
  });
});

describe('row policies with excepted groups', () => {
  it('give members of the group a principal on which the policy does not apply', () => {
    const mesh = buildMesh({
      ...acmeMeshSpec,
      policies: [
        {
          name: 'own-country',
          on: { ports: ['payments.refunds/refunds'] },
          rows: 'reason = @country',
          except: { groups: ['fraud-analysts'] },
        },
      ],
    });
    const analyst = environmentPlan(mesh, 'prod').filter((e) => e.port === 'refunds' && e.via.kind === 'role' && e.level === 'read');
    expect(analyst.map((e) => [e.holder.kind === 'policy' && describePrincipal(e.holder.principal), e.rows ?? 'all'])).toEqual([
      ['group in (payments-analysts) AND country is DE', "reason = 'DE'"],
      ['group in (payments-analysts) AND country is FR', "reason = 'FR'"],
      ['group in (payments-analysts) AND country is US', "reason = 'US'"],
      ['group in (payments-analysts) AND group in (fraud-analysts)', 'all'],
    ]);
  });
});

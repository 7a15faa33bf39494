import { MeshSpec, buildMesh } from '../../lib';
import { acmeMeshSpec } from '../../examples/acme-mesh';
import { evaluateIdentityPolicies, readIdentityPolicy } from '../../lib/readback/iam-policy';
import { problemsOf } from '../helpers/spec-problems';
import { TfResource, exampleMesh, exampleSpec, resourcesOf, synthEnvironment } from '../helpers/synth';

const dev = synthEnvironment(exampleMesh(), 'dev');
const workgroups = resourcesOf(dev, 'aws_athena_workgroup');

/** The identity policy statements of the role named `name`, as IAM reads them. */
function statementsOf(json: string, name: string) {
  const role = Object.entries(JSON.parse(json).resource.aws_iam_role as Record<string, TfResource>).find(([, r]) => r.name === name)![0];
  const policy = resourcesOf(json, 'aws_iam_role_policy').find((p) => p.role === `\${aws_iam_role.${role}.id}`)!;
  return readIdentityPolicy(JSON.parse(policy.policy))!;
}

const workgroupArn = (name: string) => `arn:aws:athena:eu-west-1:111111111111:workgroup/${name}`;

describe('the Athena workgroup of each purpose', () => {
  it('exists once per purpose of the environment, named and tagged after it', () => {
    expect(workgroups.map((w) => [w.name, w.tags]).sort()).toEqual([
      ['acme-dev-purpose-finance-reporting', { Environment: 'dev', Purpose: 'finance-reporting' }],
      ['acme-dev-purpose-fraud-detection', { Environment: 'dev', Purpose: 'fraud-detection' }],
      ['acme-dev-purpose-marketing-analytics', { Environment: 'dev', Purpose: 'marketing-analytics' }],
    ]);
  });

  it('enforces its settings, publishes metrics and writes encrypted results to the default location in the account', () => {
    const fraud = workgroups.find((w) => w.name === 'acme-dev-purpose-fraud-detection')!;
    expect(fraud.configuration).toEqual({
      enforce_workgroup_configuration: true,
      publish_cloudwatch_metrics_enabled: true,
      requester_pays_enabled: false,
      result_configuration: {
        output_location: 's3://acme-lake-dev/_query-results/fraud-detection/',
        expected_bucket_owner: '111111111111',
        encryption_configuration: { encryption_option: 'SSE_S3' },
      },
    });
    expect(fraud.force_destroy).toBe(false);
  });

  it("lets the purpose's role query in its own workgroup and in no other", () => {
    const fraud = statementsOf(dev, 'acme-dev-purpose-fraud-detection');
    for (const action of ['athena:StartQueryExecution', 'athena:GetQueryResults'])
      expect(evaluateIdentityPolicies(fraud, action, workgroupArn('acme-dev-purpose-fraud-detection'))).toBe('Allowed');
    for (const other of ['primary', 'acme-dev-purpose-marketing-analytics'])
      expect(evaluateIdentityPolicies(fraud, 'athena:StartQueryExecution', workgroupArn(other))).toBe('ImplicitlyDenied');
  });

  it("lets only the purpose's role and the policy principals guarding its way in query in its workgroup", () => {
    const json = synthEnvironment(buildMesh(acmeMeshSpec, undefined, { asOf: '2026-12-01' }), 'dev');
    const allowed = resourcesOf(json, 'aws_iam_role')
      .map((r) => r.name as string)
      .filter(
        (name) =>
          evaluateIdentityPolicies(
            statementsOf(json, name),
            'athena:StartQueryExecution',
            workgroupArn('acme-dev-purpose-fraud-detection'),
          ) === 'Allowed',
      );
    const guards = resourcesOf(json, 'aws_iam_role').filter((r) => r.tags?.Guards === 'purpose:fraud-detection');
    expect(guards.length).toBe(1);
    expect(allowed.sort()).toEqual(['acme-dev-purpose-fraud-detection', guards[0].name].sort());
  });

  it("gives the purpose's role its own results prefix only", () => {
    const fraud = statementsOf(dev, 'acme-dev-purpose-fraud-detection');
    expect(evaluateIdentityPolicies(fraud, 's3:PutObject', 'arn:aws:s3:::acme-lake-dev/_query-results/fraud-detection/q1.csv')).toBe(
      'Allowed',
    );
    expect(evaluateIdentityPolicies(fraud, 's3:GetObject', 'arn:aws:s3:::acme-lake-dev/_query-results/marketing-analytics/q1.csv')).toBe(
      'ImplicitlyDenied',
    );
  });

  it('writes to the bucket and prefix the environment declares, encrypted with its KMS key', () => {
    const key = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const spec: MeshSpec = exampleSpec();
    const withResults = {
      ...spec,
      environments: spec.environments.map((e) =>
        e.name === 'dev' ? { ...e, queryResults: { bucket: 'acme-athena-dev', prefix: 'results/v1', kmsKeyArn: key } } : e,
      ),
    };
    const json = synthEnvironment(buildMesh(withResults), 'dev');
    const fraud = resourcesOf(json, 'aws_athena_workgroup').find((w) => w.name === 'acme-dev-purpose-fraud-detection')!;
    expect(fraud.configuration.result_configuration).toEqual({
      output_location: 's3://acme-athena-dev/results/v1/fraud-detection/',
      expected_bucket_owner: '111111111111',
      encryption_configuration: { encryption_option: 'SSE_KMS', kms_key_arn: key },
    });
    const statements = statementsOf(json, 'acme-dev-purpose-fraud-detection');
    expect(evaluateIdentityPolicies(statements, 'kms:GenerateDataKey', key)).toBe('Allowed');
    expect(evaluateIdentityPolicies(statements, 's3:PutObject', 'arn:aws:s3:::acme-athena-dev/results/v1/fraud-detection/x.csv')).toBe(
      'Allowed',
    );
  });

  it('fails if the results prefix or key is malformed', () => {
    expect(
      problemsOf((spec) => {
        spec.environments[0].queryResults = { prefix: '/results/', kmsKeyArn: 'alias/results' };
      }),
    ).toEqual([
      'environments.0.queryResults.prefix: environment dev: queryResults prefix `/results/` is not valid; expected a key prefix such as athena/results (no leading or trailing /)',
      'environments.0.queryResults.kmsKeyArn: environment dev: queryResults kmsKeyArn `alias/results` is not valid; expected a KMS key ARN, arn:aws:kms:<region>:<account>:key/<key id>',
    ]);
  });
});

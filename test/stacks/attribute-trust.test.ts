import { exampleMesh, resourcesOf, synthEnvironment } from '../helpers/synth';

/**
 * The statement of docs/aws-mapping.md ("Who sets the tags attribute rules test"), checked on
 * every role of the example: attribute rules admit only the environment's declared session roles,
 * on `aws:PrincipalTag` conditions, and no statement lets anyone tag a session of our roles.
 */
describe('trust policies of attribute rules', () => {
  const mesh = exampleMesh();
  for (const env of mesh.environments) {
    const statements = resourcesOf(synthEnvironment(mesh, env.name), 'aws_iam_role').flatMap(
      (r) =>
        JSON.parse(r.assume_role_policy).Statement as {
          Sid: string;
          Effect: string;
          Principal: { AWS: string | string[] };
          Action: string;
          Condition?: Record<string, Record<string, unknown>>;
        }[],
    );

    test(`${env.name}: attribute rules trust the declared session roles, never the account root`, () => {
      const rules = statements.filter((s) => s.Sid.startsWith('AttributeRule'));
      expect(rules.length).toBeGreaterThan(0);
      for (const s of rules) {
        expect(s.Principal.AWS).toEqual([...env.attributeSessionPrincipals]);
        expect(Object.keys(s.Condition!)).toEqual(['StringEquals']);
        for (const key of Object.keys(s.Condition!.StringEquals)) expect(key).toMatch(/^aws:PrincipalTag\//);
      }
    });

    test(`${env.name}: no statement allows anything but sts:AssumeRole, so nobody passes session tags`, () => {
      for (const s of statements.filter((x) => x.Effect === 'Allow')) {
        expect(s.Action).toBe('sts:AssumeRole');
        expect([s.Principal.AWS].flat().filter((p) => p.endsWith(':root'))).toEqual([]);
      }
    });
  }
});

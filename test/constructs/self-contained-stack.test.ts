import { IamRole, IamRolePolicy } from '../../constructs/aws';
import { Construct, Lazy, S3Backend, Testing } from '../../constructs/cdktf';
import { SelfContainedStack } from '../../constructs/self-contained-stack';

/** A stack with a backend, references, lazily produced text, overrides and an element added after sealing (or not sealed at all). */
class Probe extends SelfContainedStack {
  constructor(scope: Construct, id: string, sealed: boolean) {
    super(scope, id);
    new S3Backend(this, { bucket: 'state', key: `${id}.tfstate`, region: 'eu-west-1' });
    const role = new IamRole(this, 'role', { name: 'probe', assumeRolePolicy: '{"Resource":"${aws:username}"}', tags: { team: 'a' } });
    new IamRolePolicy(this, 'policy', {
      role: role.id,
      policy: Lazy.stringValue({ produce: () => JSON.stringify({ Resource: '${aws:username}' }) }),
      name: `${role.name}-%{x}`,
    });
    if (sealed) this.seal();
    // After sealing: what code other than meshgrant's may add to one of its stacks.
    new IamRolePolicy(this, 'later', { role: role.id, policy: '{}', name: 'later' });
    this.addOverride('terraform.backend.s3.use_lockfile', true);
    this.addOverride('resource.aws_iam_role.role.description', 'set by an override');
    this.addOverride('resource.aws_iam_role.role.tags.team', 'b');
  }
}

describe('a sealed stack', () => {
  it('synthesizes what cdktf makes of the same stack unsealed, its own overrides winning over sealed elements', () => {
    const synth = (sealed: boolean) => JSON.parse(Testing.synth(new Probe(Testing.app(), 'probe', sealed)));
    const sealed = synth(true);
    expect(sealed).toEqual(synth(false));
    expect(sealed.resource.aws_iam_role.role).toMatchObject({ description: 'set by an override', tags: { team: 'b' } });
    expect(sealed.resource.aws_iam_role_policy.policy).toMatchObject({
      role: '${aws_iam_role.role.id}',
      policy: '{"Resource":"$${aws:username}"}',
    });
    expect(sealed.terraform.backend.s3).toMatchObject({ bucket: 'state', use_lockfile: true });
  });
});

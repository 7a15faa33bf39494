import { LakeformationPermissions } from '../../constructs/aws';
import { Construct, Testing } from '../../constructs/cdktf';
import { keepAddress } from '../../constructs/terraform-address';
import { exampleMesh } from '../helpers/synth';
import { userStack } from './stack';

function permission(scope: Construct, id: string, dependsOn: LakeformationPermissions[] = []): LakeformationPermissions {
  return new LakeformationPermissions(scope, id, {
    principal: 'arn:aws:iam::111111111111:role/r',
    database: { name: 'd' },
    permissions: ['DESCRIBE'],
    dependsOn,
  });
}

describe('keepAddress', () => {
  it('gives a resource made elsewhere the address it had under its former scope, references included', () => {
    const before = userStack(exampleMesh(), 'dev');
    const formerly = permission(new Construct(new Construct(before, 'product'), 'port'), 'columns-analyst');

    const after = userStack(exampleMesh(), 'dev');
    const port = new Construct(new Construct(after, 'product'), 'port');
    const moved = keepAddress(permission(new Construct(after, 'analyst'), 'columns-product-port'), port, 'columns-analyst');
    const waiting = permission(after, 'waiting', [moved]);

    expect(moved.friendlyUniqueId).toBe(formerly.friendlyUniqueId);
    const json = JSON.parse(Testing.synth(after)) as {
      resource: { aws_lakeformation_permissions: Record<string, { depends_on?: string[] }> };
    };
    expect(Object.keys(json.resource.aws_lakeformation_permissions).sort()).toEqual(
      [formerly.friendlyUniqueId, waiting.friendlyUniqueId].sort(),
    );
    expect(json.resource.aws_lakeformation_permissions[waiting.friendlyUniqueId].depends_on).toEqual([
      `aws_lakeformation_permissions.${formerly.friendlyUniqueId}`,
    ]);
  });

  it('fails if an expression already refers to the resource: its address is fixed by then', () => {
    const stack = userStack(exampleMesh(), 'dev');
    const resource = permission(stack, 'a');
    permission(stack, 'b').addOverride('description', `after ${resource.fqn}`);
    expect(() => keepAddress(resource, new Construct(stack, 'elsewhere'), 'a')).toThrow('Logical ID may not be overridden');
  });
});

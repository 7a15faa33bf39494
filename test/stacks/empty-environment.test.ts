import { buildMesh } from '../../lib';
import { exampleSpec, resourcesOf, synthEnvironment } from '../helpers/synth';

describe('an environment no product has reached yet', () => {
  it('defines no LF-tag without values (Terraform refuses `values = []`)', () => {
    const spec = exampleSpec();
    const mesh = buildMesh({ ...spec, products: spec.products!.map((p) => ({ ...p, promotedTo: ['dev'] })) });
    const tags = resourcesOf(synthEnvironment(mesh, 'prod'), 'aws_lakeformation_lf_tag');
    expect(tags.length).toBeGreaterThan(0);
    expect(tags.filter((t) => t.values.length === 0).map((t) => t.key)).toEqual([]);
    expect(tags.map((t) => t.key)).not.toContain('dataproduct');
  });
});

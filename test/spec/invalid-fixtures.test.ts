import { readdirSync } from 'fs';
import { join } from 'path';
import { MeshValidationError, loadMesh } from '../../lib';
import { BASE_MESH, expectLine, meshWithFixture, readFixture, removeMesh } from './fixture-mesh';

const DIR = join(__dirname, '..', 'fixtures', 'invalid');
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** Every problem loading the fixture's mesh reports, as `# expect:` lines write them. */
function problemsOf(dir: string): string[] {
  try {
    loadMesh(dir);
  } catch (e) {
    if (e instanceof MeshValidationError) return e.problems.map((p) => expectLine(p, dir));
    throw e;
  }
  return [];
}

describe('malformed meshes', () => {
  it('start from a base mesh that loads', () => {
    expect(loadMesh(BASE_MESH).products.map((p) => p.id)).toEqual(['finance.revenue', 'sales.orders']);
  });

  it('form a corpus of at least 40 fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
  });

  it.each(fixtures)('%s reports exactly the expected problems, located', (name) => {
    const fixture = readFixture(join(DIR, name));
    expect(fixture.expects.length).toBeGreaterThan(0);
    const dir = meshWithFixture(fixture);
    try {
      expect(problemsOf(dir)).toEqual(fixture.expects);
    } finally {
      removeMesh(dir);
    }
  });
});

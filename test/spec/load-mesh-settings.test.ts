import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadMesh } from '../../lib';
import { MeshValidationError } from '../../lib/model/problems';
import { loadMeshSettings } from '../../lib/spec/load-mesh';

/** A copy of examples/acme with one file's text replaced. */
function acmeWith(file: string, edit: (text: string) => string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'meshgrant-settings-')), 'mesh');
  cpSync('examples/acme', dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (e) {
    if (e instanceof MeshValidationError)
      return e.problems.map((p) => `${p.location?.file}:${p.location?.line}: ${p.message}`.replace(/^.*\/mesh\//, ''));
    throw e;
  }
  return [];
}

describe('loadMeshSettings', () => {
  it('reads the environments and attributes that loading the whole mesh gives', () => {
    const mesh = loadMesh('examples/acme');
    const settings = loadMeshSettings('examples/acme');
    expect(settings).toEqual({ name: mesh.name, environments: mesh.environments, attributes: mesh.attributes });
  });

  it('reports a broken environments.yaml at its file and line, as loading the mesh does', () => {
    const dir = acmeWith('environments.yaml', (t) => t.replace('promotesTo: prod ', 'promotesTo: prd  '));
    const expected = ['environments.yaml:11: environment dev promotes to unknown environment `prd`'];
    expect(problemsOf(() => loadMeshSettings(dir))).toEqual(expected);
    expect(problemsOf(() => loadMesh(dir))).toEqual(expect.arrayContaining(expected));
  });

  it('reports schema problems of environments.yaml, each at its line', () => {
    const dir = acmeWith('environments.yaml', (t) =>
      t.replace('role/people/jane.doe', 'jane.doe').replace('region: eu-west-1', 'region: 7'),
    );
    expect(problemsOf(() => loadMeshSettings(dir))).toEqual([
      'environments.yaml:9: found the number 7; expected text',
      expect.stringMatching(/^environments\.yaml:2\d: .*jane\.doe/),
    ]);
  });

  it("reports the declared attributes' problems at their line in mesh.yaml", () => {
    const dir = acmeWith('mesh.yaml', (t) => t.replace('{ name: country, values: [ DE', '{ name: department, values: [ DE'));
    expect(problemsOf(() => loadMeshSettings(dir))).toEqual(['mesh.yaml:31: attribute `department` is declared twice']);
  });

  it('does not read the products: a broken product file stops the whole mesh only', () => {
    const dir = acmeWith('products/customers.profiles.yaml', (t) => `${t}\nunknownField: 1\n`);
    expect(problemsOf(() => loadMesh(dir))).not.toEqual([]);
    expect(loadMeshSettings(dir).environments.map((e) => e.name)).toEqual(['dev', 'prod']);
  });
});

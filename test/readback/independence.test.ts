import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';

/**
 * lib/readback is the independent check of the constructs: it reads the Terraform JSON and must
 * share no code with what wrote it (constructs/, stacks/) nor with the model it is checked against.
 * It reads files as every input is read (lib/input: regular files, limits), which computes nothing.
 */
describe('lib/readback', () => {
  it('imports only its own files, Node built-ins, the input file reader and the IAM simulator', () => {
    const dir = join(__dirname, '../../lib/readback');
    const imports = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => `${f}: ${m[1]}`));
    expect(imports.length).toBeGreaterThan(0);
    expect(
      imports.filter((i) => !/: (\.\/[\w-]+|fs|path|\.\.\/input\/(read-input-file|json-object)|@cloud-copilot\/iam-simulate)$/.test(i)),
    ).toEqual([]);
  });
});

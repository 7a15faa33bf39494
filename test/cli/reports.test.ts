import { exampleSpec } from '../helpers/synth';
import { cpSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { STACK_LINE, cli, tempDir } from './run-cli';
import { specWithFraudAnalystsOnRefunds, synthesizeToTemp } from '../reports/effective-access-fixtures';

/** The example without its global policies: reading back their principals is not part of this test. */
const acmeRolesSpec = exampleSpec();

const users = 'test/fixtures/directory/users.json';
const groups = 'test/fixtures/directory/groups.json';

describe('meshgrant diff, promote-check, impact, graph', () => {
  const before = synthesizeToTemp(acmeRolesSpec);
  const after = synthesizeToTemp(specWithFraudAnalystsOnRefunds());

  describe('diff', () => {
    it('exits 0 when nothing changes', async () => {
      const run = await cli('diff', before, before);
      expect(run).toEqual({ code: 0, stdout: `Access diff ${before} -> ${before}\n\nNo access changes.\n`, stderr: '' });
    });

    it('exits 3 when access widens, listing the new members', async () => {
      const run = await cli('diff', before, after, '--wide');
      expect(run.code).toBe(3);
      expect(run.stdout).toMatch(
        /^dev\s+payments\.refunds\/analyst\s+acme-dev-payments-refunds-analyst\s+arn:aws:iam::111111111111:role\/.*AWSReservedSSO_FraudAnalysts_f1a1b2c3d4e5f60718\s*$/m,
      );
      expect(run.stdout).toMatch(/2 member changes\. Access widens: an approval is required\.\n$/);
    });

    it('names trusted members by their group with --mesh', async () => {
      const run = await cli('diff', before, after, '--env', 'dev', '--mesh', 'examples/acme');
      expect(run.code).toBe(3);
      expect(run.stdout).toMatch(/^dev\s+payments\.refunds\/analyst\s+acme-dev-payments-refunds-analyst\s+group fraud-analysts$/m);
    });

    it('exits 0 when access only narrows, and limits to --env', async () => {
      const run = await cli('diff', after, before, '--env', 'prod');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('0 access changes, 1 member change. Access does not widen.');
    });

    it('compares two environments of one output, old first', async () => {
      const devToProd = await cli('diff', '--env', 'dev', '--env', 'prod', '--out', before, '--format', 'md');
      expect(devToProd.code).toBe(0);
      expect(devToProd.stdout).toContain(
        '### Access diff dev -> prod\n\n|  | env | principal | table | gained | lost |\n| --- | --- | --- | --- | --- | --- |\n| - | dev | logistics.shipments/analyst | acme_dev_logistics_shipments.shipments |  | all access: DESCRIBE, SELECT on country (reference), customer_id, shipment_id, shipped_on (reference) (all rows) |',
      );
      expect(devToProd.stdout).toContain('4 access changes, 0 member changes. **Access does not widen.**');
      const prodToDev = await cli('diff', '--env', 'prod', '--env', 'dev', '--out', before, '--json');
      expect(prodToDev.code).toBe(3);
      expect(JSON.parse(prodToDev.stdout)).toMatchObject({
        command: 'diff',
        ok: false,
        before: 'prod',
        after: 'dev',
        diff: { widens: true },
      });
    });

    it('exits 2 on usage and load errors, without a stack trace', async () => {
      const usage = await cli('diff', before);
      expect(usage).toMatchObject({
        code: 2,
        stdout: '',
        stderr: 'meshgrant diff: give two outputs (`diff <old> <new>`) or two environments (`diff --env dev --env prod`)\n',
      });
      const missing = await cli('diff', before, 'no/such/out');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^meshgrant diff: cannot read synthesized Terraform at `no\/such\/out`: /);
      const env = await cli('diff', '--env', 'dev', '--env', 'staging', '--out', before);
      expect(env.stderr).toBe(`meshgrant diff: no environment \`staging\` in ${before} (environments: dev, prod)\n`);
      expect([usage, missing, env].map((r) => STACK_LINE.test(r.stderr))).toEqual([false, false, false]);
    });
  });

  describe('promote-check', () => {
    it('passes on the example', async () => {
      expect(await cli('promote-check', '--from', 'dev', '--to', 'prod', '--out', before)).toEqual({
        code: 0,
        stdout: 'Promotion check dev -> prod\n\nprod holds no access that dev does not hold.\n',
        stderr: '',
      });
    });

    it('exits 1 naming each grant prod holds beyond dev', async () => {
      const out = synthesizeToTemp(acmeRolesSpec);
      const file = join(out, 'stacks', 'acme-prod', 'cdk.tf.json');
      const json = JSON.parse(readFileSync(file, 'utf8'));
      json.resource.aws_lakeformation_permissions.extra = {
        principal: 'arn:aws:iam::222222222222:role/acme-prod-purpose-marketing-analytics',
        permissions: ['DESCRIBE', 'SELECT'],
        table: { database_name: 'acme_prod_customers_profiles', name: 'profiles' },
      };
      json.resource.aws_lakeformation_permissions.ghost = {
        principal: 'arn:aws:iam::222222222222:role/acme-prod-payments-refunds-analyst',
        permissions: ['SELECT'],
        table: { database_name: 'acme_prod_hr', name: 'salaries' },
      };
      writeFileSync(file, JSON.stringify(json));
      const run = await cli('promote-check', '--from', 'dev', '--to', 'prod', '--out', out, '--wide');
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        /^purpose:marketing-analytics\s+acme-prod-purpose-marketing-analytics\s+acme_prod_customers_profiles\.profiles\s+columns date_of_birth \(pii\), email \(pii\), full_name \(pii\)$/m,
      );
      expect(run.stdout).toContain('1 grant in prod that dev does not hold: promote through dev first.');
      // A grant readback cannot place is said, not silently dropped, and fails the check by itself.
      expect(run.stdout).toContain(
        'Not understood in prod, so taken as possible widening:\n- acme-prod: aws_lakeformation_permissions.ghost: permission for arn:aws:iam::222222222222:role/acme-prod-payments-refunds-analyst names table acme_prod_hr.salaries, which the stack does not declare\n',
      );
      expect(run.stdout).toContain('1 thing in prod not understood: prod may hold access dev does not.');
    });

    it('exits 2 without --to', async () => {
      expect((await cli('promote-check', '--from', 'dev', '--out', before)).code).toBe(2);
    });
  });

  describe('impact', () => {
    it('names the people who gain access when a group is added to a role', async () => {
      const run = await cli(
        'impact',
        '--directory',
        users,
        '--directory',
        groups,
        '--old',
        before,
        '--new',
        after,
        '--mesh',
        'examples/acme',
        '--wide',
      );
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        /^maria\.lopez\s+prod\s+acme_prod_payments_refunds\.refunds\s+gains new access: DESCRIBE, SELECT on reason, refund_date \(reference\), refund_id, txn_id \(all rows\)\s+acme-prod-payments-refunds-analyst via group fraud-analysts$/m,
      );
      expect(run.stdout).toContain('2 people gain access, 0 people lose access.');
    });

    it("reads the mesh's environments.yaml, not its products: a broken one is reported at its line", async () => {
      const mesh = join(tempDir(), 'mesh');
      cpSync('examples/acme', mesh, { recursive: true });
      const run = () => cli('impact', '--directory', users, '--directory', groups, '--old', before, '--new', after, '--mesh', mesh);
      writeFileSync(join(mesh, 'products', 'customers.profiles.yaml'), 'broken: [');
      const despiteProduct = await run();
      expect(despiteProduct.code).toBe(0);
      expect(despiteProduct.stdout).toContain('2 people gain access, 0 people lose access.');
      const environments = join(mesh, 'environments.yaml');
      writeFileSync(environments, readFileSync(environments, 'utf8').replace('promotesTo: prod ', 'promotesTo: prd  '));
      const broken = await run();
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(
        `${environments}:11:17: environments[0].promotesTo: environment dev promotes to unknown environment \`prd\``,
      );
    });

    it('exits 2 with located problems on a bad directory file', async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'people.yaml'), 'users:\n  - name: x\n    groupz: [a]\n');
      const run = await cli('impact', '--directory', join(dir, 'people.yaml'), '--new', before, '--mesh', 'examples/acme');
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(run.stderr).toContain(`${join(dir, 'people.yaml')}:3:5: users[0].groupz: unknown field \`groupz\``);
      expect(STACK_LINE.test(run.stderr)).toBe(false);
    });
  });

  describe('graph', () => {
    it('prints Mermaid for a mesh directory, or writes it to --output', async () => {
      const printed = await cli('graph', 'examples/acme');
      expect(printed.code).toBe(0);
      expect(printed.stdout.startsWith('flowchart LR\n  subgraph n1["domain customers"]\n')).toBe(true);
      const file = join(tempDir(), 'mesh.mmd');
      const written = await cli('graph', 'examples/acme', '--output', file);
      expect(written).toEqual({ code: 0, stdout: `Mermaid graph of mesh acme written to ${file}\n`, stderr: '' });
      expect(readFileSync(file, 'utf8')).toBe(printed.stdout);
    });
  });
});

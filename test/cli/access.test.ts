import { exampleSpec } from '../helpers/synth';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildMesh } from '../../lib';
import { synthesizeMesh } from '../../stacks/synthesize';
import { cli, cliInTerminal } from './run-cli';

const ACME = 'examples/acme';
const PEOPLE = 'examples/directory/acme-people.yaml';

/** The example without its global policies: reading back their principals is not part of this test. */
const acmeRolesSpec = exampleSpec();

/** `meshgrant access` on the example's synthesized output. */
describe('meshgrant access', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'meshgrant-access-'));
    synthesizeMesh(buildMesh(acmeRolesSpec), { outdir: out });
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  /** The arguments of a command line: the words of `words` split at spaces, each `${value}` one argument whatever it holds. */
  const commandLine = (words: TemplateStringsArray, values: string[]) =>
    words.flatMap((w, i) => [...w.split(' ').filter((word) => word !== ''), ...(i < values.length ? [values[i]] : [])]);
  /** access`--env prod --mesh ${ACME}` runs `meshgrant access --out <out> --env prod --mesh examples/acme`. */
  const access = (words: TemplateStringsArray, ...values: string[]) => cli('access', '--out', out, ...commandLine(words, values));
  /** The lines access`...` prints with `--format json`. */
  const lines = async <Line = { principal: string; table: string; columns: string[]; via?: string[] }>(
    words: TemplateStringsArray,
    ...values: string[]
  ) => {
    const run = await cli('access', '--out', out, '--format', 'json', ...commandLine(words, values));
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as Line[];
  };

  it('prints a text table by default, and takes the old name `table` for it', async () => {
    const text = await access`--env prod --class pii`;
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^environment +principal +table +columns +rows +permissions/);
    expect(await access`--env prod --class pii --format table`).toEqual(text);
  });

  it('lists who reads PII in prod, with only the PII columns', async () => {
    const pii = await lines`--env prod --class pii`;
    expect(pii.map((l) => `${l.principal} ${l.table}: ${l.columns.join(' ')}`)).toEqual([
      'customers.profiles/engineer acme_prod_customers_profiles.profiles: date_of_birth email full_name',
      // The owner's manual override, listed as such (sorted by role ARN: `...-override-omar.haddad` before `...-owner`).
      'customers.profiles/owner acme_prod_customers_profiles.profiles: date_of_birth email full_name',
      'override:customers.profiles/omar.haddad acme_prod_customers_profiles.profiles: full_name',
      'payments.transactions/engineer acme_prod_payments_transactions.transactions: customer_email',
      'payments.transactions/owner acme_prod_payments_transactions.transactions: customer_email',
      'purpose:fraud-detection acme_prod_customers_profiles.profiles: date_of_birth email full_name',
      'purpose:fraud-detection acme_prod_payments_transactions.transactions: customer_email',
    ]);
  });

  it('lists what a person reaches, and through which group, user or attributes', async () => {
    const jane = await lines`--env prod --user jane.doe --directory test/fixtures/directory/people.yaml --mesh ${ACME}`;
    expect([...new Set(jane.map((l) => l.principal))]).toEqual([
      'payments.refunds/engineer',
      'payments.refunds/owner',
      'payments.transactions/analyst',
      'payments.transactions/engineer',
      'payments.transactions/owner',
    ]);
    expect(jane.find((l) => l.principal === 'payments.transactions/analyst')?.via).toEqual(['attributes country=FR|US department=finance']);
  });

  it('limits to one product and quotes CSV cells holding commas', async () => {
    const run = await access`--env prod --product payments.transactions --format csv --mesh ${ACME}`;
    const rows = run.stdout.trim().split('\n');
    expect(rows[0]).toBe('environment,principal,purpose,policy,table,columns,rows,permissions,grantable,members');
    expect(rows.filter((r) => r.includes('purpose:marketing-analytics'))).toEqual([
      `prod,purpose:marketing-analytics,marketing-analytics,-,acme_prod_payments_transactions.transactions,country currency settlement_date txn_id,"country IN ('FR', 'DE')",DESCRIBE SELECT,-,attributes country=DE|FR department=marketing; group marketing-analysts`,
    ]);
    expect(rows.slice(1).every((r) => r.includes('acme_prod_payments_transactions.'))).toBe(true);
  });

  it('refuses --by person without a directory, and a missing output, with exit code 2', async () => {
    const people = await access`--by person`;
    expect(people.code).toBe(2);
    expect(people.stderr).toMatch(/--by person needs --directory/);
    const missing = await cli('access', '--out', join(out, 'nowhere'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read synthesized Terraform/);
  });

  // An auditor's questions, answered by what the report prints.
  it('says who is in each role: its members, and with a directory its people', async () => {
    const run = await access`--env prod --product customers.profiles --mesh ${ACME} --directory ${PEOPLE}`;
    expect(run.code).toBe(0);
    const members = run.stdout.split('Members:\n\n')[1].split('\n');
    expect(members[0]).toMatch(/^environment +principal +members +people$/);
    expect(members.slice(1, 4)).toEqual([
      'prod         customers.profiles/analyst            group customer-analysts               amira.ben',
      'prod         customers.profiles/engineer           group customer-data-eng               chen.wei',
      'prod         customers.profiles/owner              group customer-data-eng               chen.wei',
    ]);
    // An override's one person, and a purpose member, each with the approval its role's tags record, wrapped in the members column.
    expect(members[4]).toBe('prod         override:customers.profiles/omar.     user omar.haddad (approved by         -');
    expect(members[7]).toBe('prod         purpose:fraud-detection               group fraud-analysts (approved by     lucas.meyer');
    expect(members.slice(8, 10).map((l) => l.trim())).toEqual(['maria.lopez on 2026-03-02, ticket', 'SEC-1042, until 2030-03-31)']);
  });

  it('names members by ARN, and says how to name them, without a mesh', async () => {
    const json = await lines<{ principal: string; members: string[] }>`--env prod --product customers.profiles`;
    expect(json.find((l) => l.principal === 'customers.profiles/analyst')?.members).toEqual([
      'arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_CustomerAnalysts_c19f8e7d6c5b4a3921',
    ]);
    const text = await access`--env prod --product customers.profiles`;
    expect(text.stdout).toContain('members are named by ARN: give --mesh DIR');
  });

  it('lists, by person, which people can read customers.profiles in prod and through which role', async () => {
    type PersonLine = { person: string; principal: string; via: string[]; columns: string[] };
    const people = await lines<PersonLine>`--env prod --product customers.profiles --by person --directory ${PEOPLE} --mesh ${ACME}`;
    expect(people.map((l) => `${l.person} ${l.principal} ${l.via.join('; ')}`)).toEqual([
      'amira.ben customers.profiles/analyst group customer-analysts',
      'chen.wei customers.profiles/engineer group customer-data-eng',
      'chen.wei customers.profiles/owner group customer-data-eng',
      'lucas.meyer purpose:fraud-detection group fraud-analysts',
      'sofia.rossi purpose:marketing-analytics attributes country=DE|FR department=marketing; group marketing-analysts',
    ]);
    // The analyst's clearance keeps personal data from amira.ben; the fraud purpose may see it.
    expect(people.find((l) => l.person === 'amira.ben')?.columns).not.toContain('email');
    expect(people.find((l) => l.person === 'lucas.meyer')?.columns).toContain('email');
  });

  it('combines filters: the people who read PII in prod', async () => {
    const run = await access`--env prod --class pii --by person --directory ${PEOPLE} --mesh ${ACME}`;
    expect(run.code).toBe(0);
    const people = run.stdout
      .split('\n')
      .slice(1)
      .map((l) => l.split(' ')[0])
      .filter((p) => p !== '');
    expect([...new Set(people)]).toEqual(['chen.wei', 'jane.doe', 'lucas.meyer']);
  });

  it('keeps text to the terminal width, 100 characters when not a terminal, and --wide to the longest cells', async () => {
    const args = ['access', '--out', out, '--env', 'prod', '--mesh', ACME];
    const width = (text: string) => Math.max(...text.split('\n').map((l) => l.length));
    const piped = await cli(...args);
    expect(width(piped.stdout)).toBeLessThanOrEqual(100);
    expect(width((await cliInTerminal(72, ...args)).stdout)).toBeLessThanOrEqual(72);
    const wide = await cliInTerminal(72, ...args, '--wide');
    expect(width(wide.stdout)).toBeGreaterThan(100);
    // One line per row: the principal, its table and every column together.
    expect(wide.stdout).toMatch(
      /payments\.transactions\/engineer +acme_prod_payments_transactions\.transactions +amount card_number country/,
    );
  });
});

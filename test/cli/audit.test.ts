import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gzipSync } from 'zlib';
import { buildMesh } from '../../lib';
import { acmeMeshSpec } from '../../examples/acme-mesh';
import { synthesizeMesh } from '../../stacks/synthesize';
import { cli } from './run-cli';

/**
 * `meshgrant audit` on CloudTrail records shaped as CloudTrail writes them (test/fixtures/cloudtrail:
 * two prod log files, gzip and plain, a dev one and a digest), attributed through the example's
 * synthesized output as of 2026-12-01.
 */
const FIXTURES = 'test/fixtures/cloudtrail';
const PROD_NOV_20 = `${FIXTURES}/AWSLogs/222222222222/CloudTrail/eu-west-1/2026/11/20/222222222222_CloudTrail_eu-west-1_20261120T1415Z_Vq8pZr3LmN5tBw2C.json`;
let out: string;
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'meshgrant-audit-'));
  out = join(scratch, 'cdktf.out');
  synthesizeMesh(buildMesh(acmeMeshSpec, undefined, { asOf: '2026-12-01' }), { outdir: out });
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Line {
  time: string;
  environment: string;
  action: string;
  principal: string;
  known: boolean;
  session: string;
  purpose: string;
  tables: string[];
  classes: string[];
  readableClasses: string[];
  workgroup: string;
  outcome: string;
}

async function audit(...args: string[]) {
  const run = await cli('audit', '--out', out, ...args, '--format', 'json');
  const json = JSON.parse(run.stdout) as {
    access: Line[];
    unknownPrincipals: Line[];
    counts: Record<string, number>;
    notRead: { file: string; message: string }[];
  };
  return { ...run, ...json };
}

const who = (lines: readonly Line[]) => lines.map((l) => `${l.time} ${l.action} ${l.principal} ${l.session} ${l.purpose || '-'}`);

describe('meshgrant audit', () => {
  it('answers who accessed pii in prod for fraud detection in November, through the purpose role and its pci guard', async () => {
    const r = await audit(
      '--cloudtrail',
      FIXTURES,
      '--class',
      'pii',
      '--environment',
      'prod',
      '--purpose',
      'fraud-detection',
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-30',
    );
    expect(who(r.access)).toEqual([
      '2026-11-14T09:05:12Z glue:GetTable purpose:fraud-detection li.wei@acme.example fraud-detection',
      '2026-11-14T09:05:40Z athena:StartQueryExecution purpose:fraud-detection li.wei@acme.example fraud-detection',
      '2026-11-14T09:05:41Z lakeformation:GetDataAccess purpose:fraud-detection li.wei@acme.example fraud-detection',
      '2026-11-14T09:06:30Z athena:StartQueryExecution policy:pci-trained for purpose:fraud-detection li.wei@acme.example fraud-detection',
      '2026-11-14T09:06:31Z lakeformation:GetDataAccess policy:pci-trained for purpose:fraud-detection li.wei@acme.example fraud-detection',
    ]);
    // The query's tables come from Lake Formation's record of the same query id.
    expect(r.access[3]).toMatchObject({
      tables: ['acme_prod_payments_transactions.transactions'],
      classes: ['financial', 'pci', 'pii', 'reference'],
      readableClasses: ['financial', 'pii', 'reference'],
      workgroup: 'acme-prod-purpose-fraud-detection',
    });
  });

  it('reports events of principals meshgrant does not know as such, whatever the purpose asked, and exits 1', async () => {
    const r = await audit('--cloudtrail', FIXTURES, '--class', 'pii', '--environment', 'prod', '--purpose', 'fraud-detection');
    expect(r.code).toBe(1);
    expect(r.unknownPrincipals.map((l) => [l.principal, l.action, l.tables.join(' '), l.outcome, l.known])).toEqual([
      [
        'arn:aws:sts::222222222222:assumed-role/legacy-etl/glue-job-4711',
        'lakeformation:GetDataAccess',
        'acme_prod_customers_profiles.profiles',
        'AccessDeniedException',
        false,
      ],
      ['arn:aws:iam::222222222222:user/ops-break-glass', 'glue:GetPartitions', 'acme_prod_customers_profiles.profiles', 'ok', false],
    ]);
  });

  it('counts what the filters leave out, and skips digest files and other events', async () => {
    const r = await audit('--cloudtrail', FIXTURES, '--environment', 'prod', '--purpose', 'marketing-analytics');
    expect(who(r.access)).toEqual([
      '2026-11-20T14:03:05Z athena:StartQueryExecution policy:pci-trained for purpose:marketing-analytics noah.berg@acme.example marketing-analytics',
      '2026-11-20T14:03:06Z lakeformation:GetDataAccess policy:pci-trained for purpose:marketing-analytics noah.berg@acme.example marketing-analytics',
    ]);
    // marketing-analytics reads transactions, which holds pii, but none of its pii columns.
    expect(r.access[1].readableClasses).toEqual(['reference']);
    expect(r.counts).toEqual({ files: 3, digests: 1, records: 14, events: 13, outsideFilters: 9, otherEvents: 1 });
  });

  it('takes the days as inclusive UTC days, and instants by their UTC day', async () => {
    const day = await audit('--cloudtrail', FIXTURES, '--environment', 'prod', '--from', '2026-11-20', '--to', '2026-11-20');
    expect(day.access.map((l) => l.time)).toEqual([
      '2026-11-20T08:16:40Z',
      '2026-11-20T08:16:41Z',
      '2026-11-20T14:03:05Z',
      '2026-11-20T14:03:06Z',
    ]);
    // 2026-11-21T00:30+02:00 is 2026-11-20 in UTC: the same day, the same answer.
    const instant = await audit(
      '--cloudtrail',
      FIXTURES,
      '--environment',
      'prod',
      '--from',
      '2026-11-21T00:30:00+02:00',
      '--to',
      '2026-11-20',
    );
    expect(instant.access).toEqual(day.access);
    const dev = await audit('--cloudtrail', FIXTURES, '--environment', 'dev', '--to', '2026-10-29');
    expect(dev.access).toEqual([]);
  });

  it('reads one plain log file and renders text, csv and md', async () => {
    const text = await cli('audit', '--out', out, '--cloudtrail', PROD_NOV_20, '--purpose', 'marketing-analytics');
    expect(text.stdout).toContain('Data access (purpose marketing-analytics)');
    expect(text.stdout).toContain('Principals meshgrant does not know (2 events)');
    const csv = await cli('audit', '--out', out, '--cloudtrail', PROD_NOV_20, '--format', 'csv');
    expect(csv.stdout.split('\n')[0]).toBe(
      'time,environment,event,principal,session,purpose,tables,classes,readable,workgroup,outcome,known',
    );
    expect(csv.stdout.split('\n').filter((l) => l.endsWith(',no'))).toHaveLength(2);
    const md = await cli('audit', '--out', out, '--cloudtrail', PROD_NOV_20, '--format', 'md');
    expect(md.stdout).toContain('### Principals meshgrant does not know (2 events)');
    expect(md.stdout).toContain('| time | environment | event |');
  });

  it('refuses hostile files one by one and answers from the others', async () => {
    const dir = join(scratch, 'hostile');
    mkdirSync(join(dir, 'nested'), { recursive: true });
    copyFileSync(PROD_NOV_20, join(dir, 'nested', 'good.json'));
    writeFileSync(join(dir, 'garbage.json'), '{"Records": [');
    writeFileSync(join(dir, 'not-trail.json'), '{"Items": []}');
    writeFileSync(join(dir, 'fake.json.gz'), Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    writeFileSync(join(dir, 'bomb.json.gz'), gzipSync(Buffer.alloc(300 * 1024 * 1024, 0x20)));
    writeFileSync(
      join(dir, 'records.json'),
      JSON.stringify({ Records: [42, { eventSource: 'athena.amazonaws.com', eventName: 'StartQueryExecution' }] }),
    );
    symlinkSync('/etc/passwd', join(dir, 'link.json'));
    const r = await audit('--cloudtrail', dir);
    expect(r.code).toBe(1);
    const problems = r.notRead.map((p) => `${p.file.slice(dir.length + 1)}: ${p.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'bomb.json.gz: decompresses to more than 256 MiB, the most audit reads from a decompressed CloudTrail log file',
        'fake.json.gz: is not a valid gzip file',
        'garbage.json: is not valid JSON; a CloudTrail log file is {"Records": [...]}',
        'link.json: is a symbolic link; audit does not follow links inside a log directory',
        'not-trail.json: is not a CloudTrail log file: expected a JSON object with a `Records` list',
        'records.json: Records[0] is not a JSON object',
        'records.json: Records[1] athena:StartQueryExecution has no valid eventTime',
      ]),
    );
    expect(r.access.length + r.unknownPrincipals.length).toBe(6);
  }, 60_000);

  it('fails with exit 2 on a missing log path, an unknown filter value or reversed days', async () => {
    const missing = await cli('audit', '--out', out, '--cloudtrail', join(scratch, 'nowhere'));
    expect([missing.code, missing.stderr.trim()]).toEqual([
      2,
      `meshgrant audit: --cloudtrail \`${join(scratch, 'nowhere')}\` could not be read: no such file, or a symbolic link to nothing`,
    ]);
    const purpose = await cli('audit', '--out', out, '--cloudtrail', FIXTURES, '--purpose', 'fraud');
    expect([purpose.code, purpose.stderr.trim()]).toEqual([
      2,
      `meshgrant audit: no purpose \`fraud\` in ${out} (purposes: finance-reporting, fraud-detection, marketing-analytics)`,
    ]);
    const days = await cli('audit', '--out', out, '--cloudtrail', FIXTURES, '--from', '2026-11-30', '--to', '2026-11-01');
    expect([days.code, days.stderr.trim()]).toEqual([2, 'meshgrant audit: --from 2026-11-30 is after --to 2026-11-01']);
    const bad = await cli('audit', '--out', out, '--cloudtrail', FIXTURES, '--from', '2026-11-31');
    expect(bad.code).toBe(2);
  });
});

describe('meshgrant audit on an environment split per domain', () => {
  it('attributes every event as it does on the one-stack output: the stacks of an environment are read as one', async () => {
    const split = join(scratch, 'split.out');
    const environments = acmeMeshSpec.environments.map((e) => ({ ...e, stacks: 'per-domain' as const }));
    synthesizeMesh(buildMesh({ ...acmeMeshSpec, environments }, undefined, { asOf: '2026-12-01' }), { outdir: split });
    // Everything but the output folder the report names.
    const run = async (dir: string) => {
      const report = JSON.parse((await cli('audit', '--out', dir, '--cloudtrail', FIXTURES, '--format', 'json')).stdout) as {
        out?: string;
        access: unknown[];
      };
      delete report.out;
      return report;
    };
    const [one, perDomain] = [await run(out), await run(split)];
    expect(perDomain).toEqual(one);
    expect(one.access.length).toBeGreaterThan(0);
  }, 120_000);
});

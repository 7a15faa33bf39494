import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildMesh } from '../../lib';
import { approvalTagValue, approvalTags, tagText } from '../../lib/aws/approval-tags';
import { SESSION_TAG_VALUE } from '../../lib/aws/session-tags';
import { EffectiveAccess } from '../../lib/readback';
import { readAccessReport } from '../../lib/readback/access-report';
import { approvalsOfTags, fromTagText } from '../../lib/readback/approval-tags';
import { synthesizeMesh } from '../../stacks/synthesize';
import { cli } from '../cli/run-cli';
import { exampleSpec } from '../helpers/synth';

/** Approvals carried by the synthesized roles' tags, written by lib/aws and read back independently. */
describe('approvals in role tags', () => {
  const hostile = ['${file("/etc/passwd")}', '%{ for x in y }', '${aws:username}', 'a_b c=d', 'Zoë 李', "x'; DROP TABLE t;--", ''];

  it('encodes any text into valid tag characters and decodes it exactly', () => {
    for (const text of hostile) {
      const encoded = tagText(text);
      expect(encoded).toMatch(/^[A-Za-z0-9_.:/+@-]*$/);
      expect(encoded).not.toContain('$');
      expect(fromTagText(encoded)).toBe(text);
    }
    expect(tagText('${x}')).toBe('_24_7Bx_7D');
  });

  it('refuses tag text that no encoder wrote: a lone underscore, lower-case hex, invalid UTF-8, a control character', () => {
    for (const bad of ['a_', 'a_2', 'a_2c', '_FF', 'a b', '_1B[31m']) expect(fromTagText(bad)).toBeUndefined();
  });

  it('writes a value of at most 256 characters of the tag alphabet, dropping the ticket before the member', () => {
    const value = approvalTagValue('user', 'li.wei', {
      approvedBy: 'maria.lopez',
      approvedOn: '2026-11-16',
      expires: '2027-03-31',
      ticket: 'SEC 1188',
    });
    expect(value).toBe('user=li.wei by=maria.lopez on=2026-11-16 until=2027-03-31 ticket=SEC_201188');
    const long = approvalTagValue('group', 'g'.repeat(200), { approvedBy: 'm', approvedOn: '2026-01-01', ticket: 't'.repeat(100) });
    expect(long.length).toBeLessThanOrEqual(256);
    expect(long).toContain('on=2026-01-01');
    expect(long).not.toContain('ticket=');
    const huge = approvalTagValue('user', 'é'.repeat(200), { approvedBy: 'm' });
    expect(huge.length).toBeLessThanOrEqual(256);
    expect(SESSION_TAG_VALUE.test(huge)).toBe(true);
    expect(fromTagText(huge.split(' ')[0].slice('user='.length))).toMatch(/^é{41}$/);
  });

  it('tags approved members only, and counts those beyond the 50 tags a role may hold', () => {
    const entry = (i: number, approved: boolean) => ({
      kind: 'group' as const,
      member: `g${i}`,
      approval: approved ? { approvedBy: 'a', approvedOn: '2026-01-01', reason: 'r' } : {},
    });
    expect(Object.keys(approvalTags([entry(1, false), entry(2, true)], ['Purpose']))).toEqual(['Approval1']);
    const many = Array.from({ length: 60 }, (_, i) => entry(i, true));
    const tags = approvalTags(many, ['Purpose', 'Environment', 'ManagedBy']);
    expect(Object.keys(tags)).toHaveLength(47);
    expect(tags.ApprovalsUntagged).toBe('14');
    expect(approvalsOfTags(tags, () => undefined)).toMatchObject({ untagged: 14 });
    expect(approvalsOfTags(tags, () => undefined).approvals).toHaveLength(46);
    // Exactly full: every approval tagged, no count.
    expect(approvalTags(many.slice(0, 47), ['Purpose', 'Environment', 'ManagedBy']).ApprovalsUntagged).toBeUndefined();
  });

  it('reports an approval tag it cannot read, and keeps the others', () => {
    const problems: string[] = [];
    const read = approvalsOfTags({ Approval1: 'user=a by=b', Approval2: 'user=a by=b_2', Approval3: 'nobody=x', Purpose: 'p' }, (w) =>
      problems.push(w),
    );
    expect(read.approvals).toEqual([{ kind: 'user', member: 'a', approvedBy: 'b' }]);
    expect(problems).toEqual([
      'tag Approval2 is not an approval record meshgrant reads',
      'tag Approval3 is not an approval record meshgrant reads',
    ]);
  });

  describe('in the synthesized example', () => {
    let out: string;
    let access: readonly EffectiveAccess[];
    beforeAll(() => {
      out = mkdtempSync(join(tmpdir(), 'meshgrant-approvals-'));
      synthesizeMesh(buildMesh(exampleSpec(), undefined, { asOf: '2026-12-01' }), { outdir: out });
      access = readAccessReport(out).access;
    });
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    it('reads each purpose member approval back from the role, without the YAML', () => {
      const fraud = access.find((a) => a.environment === 'prod' && a.principal.purpose === 'fraud-detection')!;
      // The expired member (payments-analysts, until 2025-06-30) is neither trusted nor tagged.
      expect(fraud.principal.approvals).toEqual([
        {
          kind: 'group',
          member: 'fraud-analysts',
          approvedBy: 'maria.lopez',
          approvedOn: '2026-03-02',
          expires: '2030-03-31',
          ticket: 'SEC-1042',
        },
      ]);
      const marketing = access.find((a) => a.environment === 'prod' && a.principal.purpose === 'marketing-analytics')!;
      expect(marketing.principal.approvals?.map((a) => `${a.kind} ${a.member} ${a.approvedBy}`)).toEqual([
        'group marketing-analysts sofia.marin',
        'attributes country=DE|FR, department=marketing paul.girard',
      ]);
    });

    it('shows the approvals in `access`, per member, and per way in with --user', async () => {
      const text = await cli('access', '--out', out, '--env', 'prod', '--product', 'payments.transactions');
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(
        'approval: prod purpose:fraud-detection group fraud-analysts approved by maria.lopez on 2026-03-02, ticket SEC-1042, until 2030-03-31',
      );
      const json = await cli(
        'access',
        '--out',
        out,
        '--env',
        'prod',
        '--format',
        'json',
        '--user',
        'sofia.rossi',
        '--directory',
        'test/fixtures/directory/people.yaml',
        '--mesh',
        'examples/acme',
      );
      expect(json.code).toBe(0);
      const lines = JSON.parse(json.stdout) as { principal: string; via: string[]; approvals: unknown[] }[];
      const marketing = lines.find((l) => l.principal === 'purpose:marketing-analytics');
      expect(marketing?.via).toEqual(['attributes country=DE|FR department=marketing']);
      expect(marketing?.approvals).toEqual([
        {
          kind: 'attributes',
          member: 'country=DE|FR, department=marketing',
          approvedBy: 'paul.girard',
          approvedOn: '2026-04-21',
          ticket: 'MKT-311',
        },
      ]);
    });
  });
});

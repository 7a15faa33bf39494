import { buildMesh } from '../../lib';
import { expiryReport } from '../../lib/lifecycle/expiry';
import { renderExpiry } from '../../lib/lifecycle/render-expiry';
import { parseAsOf } from '../../cli/as-of';
import { acmeMeshSpec } from '../../examples/acme-mesh';
import { synthEnvironment } from '../helpers/synth';
import { cli } from '../cli/run-cli';

/** The ARN the dev environment maps the expired member of fraud-detection (group payments-analysts) to. */
const PAYMENTS_ANALYSTS_DEV = acmeMeshSpec.environments[0].identity!.groups!['payments-analysts'];
/** The trust policy of the fraud-detection purpose role in the dev stack, as synthesized. */
function fraudTrust(asOf: string): string {
  const stack = JSON.parse(synthEnvironment(buildMesh(acmeMeshSpec, undefined, { asOf }), 'dev'));
  const roles = Object.values(stack.resource.aws_iam_role) as { name: string; assume_role_policy: string }[];
  return roles.find((r) => r.name.includes('fraud-detection'))!.assume_role_policy;
}

describe('expiry', () => {
  test('an entry holds through its expiry day (UTC) and is not synthesized from the next day', () => {
    expect(fraudTrust('2025-06-30')).toContain(PAYMENTS_ANALYSTS_DEV);
    expect(fraudTrust('2025-07-01')).not.toContain(PAYMENTS_ANALYSTS_DEV);
  });

  test('the expired entry is set apart in the model, the others stay', () => {
    const fraud = buildMesh(acmeMeshSpec, undefined, { asOf: '2025-07-01' }).purpose('fraud-detection');
    expect(fraud.members.groups).toEqual(['fraud-analysts']);
    expect(fraud.members.expired.map((e) => [e.member, e.approval.expires])).toEqual([['payments-analysts', '2025-06-30']]);
  });

  test('--as-of takes a day, or an instant with its offset, read in UTC', () => {
    expect(parseAsOf('2025-06-30')).toBe('2025-06-30');
    // 01:00 in Paris on July 1st is still June 30th in UTC: the entry holds.
    expect(parseAsOf('2025-07-01T01:00:00+02:00')).toBe('2025-06-30');
    // 23:30 in New York on June 30th is already July 1st in UTC: it has expired.
    expect(parseAsOf('2025-06-30T23:30-04:00')).toBe('2025-07-01');
    expect(() => parseAsOf('2025-07-01T01:00:00')).toThrow('an instant with an offset');
    expect(() => parseAsOf('2025-02-29')).toThrow('expected a day');
  });

  test('expiring lists what has expired and what expires in the window, per approver', () => {
    const report = expiryReport(buildMesh(acmeMeshSpec, undefined, { asOf: '2030-03-31' }), 30);
    expect(report.entries.map((e) => [e.expires, e.status, e.approver, e.holder, e.entry])).toEqual([
      ['2025-06-30', 'expired', 'maria.lopez', 'purpose fraud-detection', 'group payments-analysts'],
      ['2030-03-31', 'expiring', 'maria.lopez', 'purpose fraud-detection', 'group fraud-analysts'],
    ]);
    expect(renderExpiry(report, 'md')).toBe(
      [
        '## Expiry in mesh acme as of 2030-03-31 (UTC), through 2030-04-30 (30 days)',
        '',
        '### maria.lopez',
        '',
        '| expires | status | for | entry | approved by | where |',
        '| --- | --- | --- | --- | --- | --- |',
        '| 2025-06-30 | expired | purpose fraud-detection | group payments-analysts | maria.lopez | purposes[0].members.groups[1] |',
        '| 2030-03-31 | expiring | purpose fraud-detection | group fraud-analysts | maria.lopez | purposes[0].members.groups[0] |',
        '',
        '1 expired (no longer synthesized; remove them or renew them), 1 expiring by 2030-04-30.',
        '',
      ].join('\n'),
    );
    expect(expiryReport(buildMesh(acmeMeshSpec, undefined, { asOf: '2030-04-01' }), 30).entries.map((e) => e.status)).toEqual([
      'expired',
      'expired',
    ]);
  });

  test('an expired member needs no principal any more; on its last day it still does', () => {
    // payments-analysts, a member of fraud-detection until 2025-06-30, leaves the dev mapping.
    const unmapped = JSON.parse(JSON.stringify(acmeMeshSpec));
    delete unmapped.environments[0].identity.groups['payments-analysts'];
    // The group stays an expired member of fraud-detection only: out of the roles that list it.
    for (const p of unmapped.products)
      for (const r of Object.values(p.roles ?? {}) as { members?: { groups?: unknown[] } }[])
        if (r.members?.groups) r.members.groups = r.members.groups.filter((g) => g !== 'payments-analysts');
    expect(() => buildMesh(unmapped, undefined, { asOf: '2025-07-01' })).not.toThrow();
    expect(() => buildMesh(unmapped, undefined, { asOf: '2025-06-30' })).toThrow(
      'purposes[0].members.groups[1].name: purpose fraud-detection (bound by customers.profiles, logistics.shipments, payments.transactions): group `payments-analysts` has no principal in environment dev',
    );
  });

  test('meshgrant expiring states its day, and validate warns within --warn-within', async () => {
    const run = await cli('expiring', 'examples/acme', '--as-of', '2030-03-20', '--within', '2w', '--wide');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Expiry in mesh acme as of 2030-03-20 (UTC), through 2030-04-03 (14 days)');
    expect(run.stdout).toContain('2030-03-31  expiring  purpose fraud-detection  group fraud-analysts');
    const json = JSON.parse((await cli('expiring', 'examples/acme', '--as-of', '2026-12-01', '--format', 'json')).stdout);
    expect(json.entries.map((e: { entry: string }) => e.entry)).toEqual(['group payments-analysts']);
    const validate = await cli('validate', 'examples/acme', '--as-of', '2030-03-20', '--warn-within', '14d');
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain(
      '1 entry expires by 2030-04-03:\n  examples/acme/purposes.yaml:13:11: purpose fraud-detection: group fraud-analysts expires after 2030-03-31 (ask maria.lopez)',
    );
    expect((await cli('expiring', 'examples/acme', '--as-of', 'tomorrow')).code).toBe(2);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MeshSpec, accessPlan, buildMesh } from '../../lib';
import { expiryReport } from '../../lib/lifecycle/expiry';
import { EffectiveAccess, readAccess } from '../../lib/readback';
import { synthesizeMesh } from '../../stacks/synthesize';
import { cli } from '../cli/run-cli';
import { Writable, problemsOf } from '../helpers/spec-problems';
import { exampleSpec, resourcesOf, synthEnvironment } from '../helpers/synth';

/** The example's override: customers.profiles (owner lena.fischer) admits omar.haddad. */
const OVERRIDE = ['products', 0, 'overrides', 0];
const at = (...path: (string | number)[]) => [...OVERRIDE, ...path].join('.');
const editOverride = (edit: (o: Writable) => void) => (spec: Writable) => edit(spec.products[0].overrides[0]);

describe('manual overrides', () => {
  it('the example spec has its override where the tests expect it', () => {
    expect(exampleSpec().products?.[0].overrides?.[0]).toMatchObject({ user: 'omar.haddad', approvedBy: 'lena.fischer' });
    expect(problemsOf(() => undefined)).toEqual([]);
  });

  describe('checks', () => {
    it('fails without an expiry: an override always ends', () => {
      expect(problemsOf(editOverride((o) => delete o.expires)).filter((p) => p.includes('expiry'))).toEqual([
        `${at()}: product customers.profiles: override for omar.haddad has no expiry; an override always ends (add expires: its last day, YYYY-MM-DD (UTC))`,
      ]);
    });

    it('fails without an approval, naming the owner who must approve', () => {
      const problems = problemsOf(
        editOverride((o) => {
          delete o.approvedBy;
          delete o.approvedOn;
          delete o.ticket;
          delete o.reason;
        }),
      );
      expect(problems).toEqual([
        `${at()}: product customers.profiles: override for omar.haddad has no recorded approval; lena.fischer (the owner of customers.profiles) must approve it (add approvedBy, approvedOn and a reason or ticket)`,
      ]);
    });

    it('fails when approved by someone other than the owner, or by the person admitted', () => {
      expect(problemsOf(editOverride((o) => (o.approvedBy = 'maria.lopez')))).toEqual([
        `${at('approvedBy')}: product customers.profiles: override for omar.haddad is approved by maria.lopez; only lena.fischer, the owner of customers.profiles, may approve an override`,
      ]);
      const self = problemsOf((spec: Writable) => {
        spec.products[0].overrides[0].user = 'lena.fischer';
        for (const env of spec.environments) env.identity.users['lena.fischer'] = `arn:aws:iam::${env.account}:role/people/lena.fischer`;
      });
      expect(self).toEqual([
        `${at('approvedBy')}: product customers.profiles: override for lena.fischer: nobody approves their own access`,
      ]);
    });

    it('fails on unknown ports and columns, an empty column list, and two overrides of one user on one port', () => {
      expect(problemsOf(editOverride((o) => (o.ports = ['profile'])))).toEqual([
        `${at('ports', 0)}: product customers.profiles: override for omar.haddad names unknown port \`profile\` (did you mean \`profiles\`?)`,
        `${at('columns', 0)}: product customers.profiles: override for omar.haddad names column \`country\`, which none of its ports has`,
        `${at('columns', 1)}: product customers.profiles: override for omar.haddad names column \`customer_id\`, which none of its ports has`,
        `${at('columns', 2)}: product customers.profiles: override for omar.haddad names column \`full_name\`, which none of its ports has`,
      ]);
      expect(problemsOf(editOverride((o) => (o.columns = [])))).toEqual([
        `${at('columns')}: product customers.profiles: override for omar.haddad lists no column; leave \`columns\` out to admit every column the owner sees`,
      ]);
      expect(
        problemsOf((spec: Writable) =>
          spec.products[0].overrides.push({ ...spec.products[0].overrides[0], columns: ['country', 'segment'] }),
        ),
      ).toEqual([
        `products.0.overrides.1.ports.0: product customers.profiles: user omar.haddad has two overrides on port profiles; keep one`,
      ]);
    });

    it('fails when the user has no principal in an environment the product reaches, unless the override has expired', () => {
      const unmapped = (spec: Writable) => delete spec.environments[1].identity.users['omar.haddad'];
      expect(problemsOf(unmapped).filter((p) => p.startsWith(at()))).toEqual([
        `${at('user')}: product customers.profiles: override for omar.haddad: user \`omar.haddad\` has no principal in environment prod (map it under identity.users of environment prod in environments.yaml: an override admits that principal only)`,
      ]);
      // Expired (the day before the build day): never deployed, so no principal is needed.
      expect(
        problemsOf((spec: Writable) => {
          unmapped(spec);
          spec.products[0].overrides[0].approvedOn = '2020-01-01';
          spec.products[0].overrides[0].expires = '2020-01-31';
        }).filter((p) => p.startsWith(at())),
      ).toEqual([]);
    });

    it('fails on a wildcard user', () => {
      expect(problemsOf(editOverride((o) => (o.user = '*')))).toEqual([
        `${at('user')}: product customers.profiles: an override names one user; \`*\` is not a user name`,
      ]);
    });
  });

  describe('plan and expiry', () => {
    const spec = exampleSpec();
    it('plans the override as its own path, through a data cells filter, on its last day and not the day after', () => {
      const entries = (asOf: string) =>
        accessPlan(buildMesh(spec, undefined, { asOf })).filter((e) => e.via.kind === 'override' && e.environment === 'prod');
      expect(entries('2030-06-30').map((e) => [e.holder, e.port, e.columns, e.rows, e.mechanism])).toEqual([
        [
          { kind: 'override', product: 'customers.profiles', user: 'omar.haddad' },
          'profiles',
          ['country', 'customer_id', 'full_name'],
          "country = 'DE'",
          'data-cells-filter',
        ],
      ]);
      expect(entries('2030-07-01')).toEqual([]);
    });

    it('lists the override with its owner in `expiring`', () => {
      const report = expiryReport(buildMesh(spec, undefined, { asOf: '2030-06-20' }), 14);
      expect(report.entries.filter((e) => e.entry.startsWith('override'))).toEqual([
        expect.objectContaining({
          expires: '2030-06-30',
          status: 'expiring',
          approver: 'lena.fischer',
          holder: 'product customers.profiles',
          entry: 'override for user omar.haddad on profiles',
        }),
      ]);
    });
  });

  describe('synthesized and read back', () => {
    const spec: MeshSpec = exampleSpec();
    const mesh = buildMesh(spec, undefined, { asOf: '2026-12-01' });
    let out: string;
    let access: EffectiveAccess[];
    beforeAll(() => {
      out = mkdtempSync(join(tmpdir(), 'meshgrant-override-'));
      synthesizeMesh(mesh, { outdir: out });
      access = readAccess(out);
    });
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    it('gives the person a role of their own, trusted by their principal only, tagged with the approval and expiry', () => {
      const role = resourcesOf(synthEnvironment(mesh, 'prod'), 'aws_iam_role').find((r) => r.name.includes('override'))!;
      expect(role.name).toBe('acme-prod-customers-profiles-override-omar.haddad');
      expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
        {
          Sid: 'DirectoryMembers',
          Effect: 'Allow',
          Principal: { AWS: ['arn:aws:iam::222222222222:role/people/omar.haddad'] },
          Action: 'sts:AssumeRole',
        },
      ]);
      expect(role.tags).toEqual({
        Override: 'customers.profiles',
        OverrideUser: 'omar.haddad',
        Environment: 'prod',
        Approval1: 'user=omar.haddad by=lena.fischer on=2026-11-24 until=2030-06-30 ticket=CUS-207',
      });
    });

    it('reads the override back as such: its principal, the person, the filtered columns and rows, the approval', () => {
      const o = access.filter((a) => a.principal.kind === 'override' && a.environment === 'prod');
      expect(o.map((a) => [a.principal.override, a.table, a.columns, a.rows])).toEqual([
        [{ product: 'customers.profiles', user: 'omar.haddad' }, 'profiles', ['country', 'customer_id', 'full_name'], "country = 'DE'"],
      ]);
      expect(o[0].principal.approvals).toEqual([
        {
          kind: 'user',
          member: 'omar.haddad',
          approvedBy: 'lena.fischer',
          approvedOn: '2026-11-24',
          expires: '2030-06-30',
          ticket: 'CUS-207',
        },
      ]);
    });

    it('lists the override in `access`, in `access --user` of that person, and in `explain`', async () => {
      const all = await cli(
        'access',
        '--out',
        out,
        '--env',
        'prod',
        '--product',
        'customers.profiles',
        '--wide',
        '--mesh',
        'examples/acme',
      );
      expect(all.stdout).toMatch(
        /prod +override:customers\.profiles\/omar\.haddad +acme_prod_customers_profiles\.profiles +country customer_id full_name +country = 'DE'/,
      );
      expect(all.stdout).toContain('user omar.haddad (approved by lena.fischer on 2026-11-24, ticket CUS-207, until 2030-06-30)');
      const directory = join(out, 'people.yaml');
      writeFileSync(directory, 'users:\n  - name: omar.haddad\n');
      const mine = await cli(
        'access',
        '--out',
        out,
        '--env',
        'prod',
        '--format',
        'json',
        '--user',
        'omar.haddad',
        '--directory',
        directory,
        '--mesh',
        'examples/acme',
      );
      expect(
        (JSON.parse(mine.stdout) as { principal: string; via: string[]; approvals: unknown[] }[]).filter((l) =>
          l.principal.startsWith('override:'),
        ),
      ).toEqual([
        expect.objectContaining({
          principal: 'override:customers.profiles/omar.haddad',
          via: ['user omar.haddad'],
          approvals: [expect.objectContaining({ approvedBy: 'lena.fischer', expires: '2030-06-30' })],
        }),
      ]);
      const explain = await cli('explain', 'examples/acme', '--env', 'prod', '--table', 'customers.profiles/profiles');
      expect(explain.stdout).toContain(
        [
          '  the override for omar.haddad: read as override:customers.profiles/omar.haddad',
          '    columns: country, customer_id, full_name',
          "    rows: country = 'DE'",
          '    override: approved by lena.fischer on 2026-11-24, ticket CUS-207, until 2030-06-30',
        ].join('\n'),
      );
    });
  });
});

import { readdirSync } from 'fs';
import { join } from 'path';
import { buildMesh, checkPolicies, environmentPlan } from '../../lib';
import { describePrincipal, tableDecision } from '../../lib/plan';
import { loadMesh } from '../../lib/spec';
import { resourcesOf, synthEnvironment } from '../helpers/synth';

/** The worked examples of docs/abac.md, each a mesh under examples/abac/<case>/. */
const DIR = join(__dirname, '..', '..', 'examples', 'abac');
const load = (name: string) => loadMesh(join(DIR, name));

describe('the worked examples of docs/abac.md', () => {
  it.each(readdirSync(DIR).sort())('%s validates and synthesizes a role per principal', (name) => {
    const mesh = load(name);
    expect(checkPolicies(mesh).hasErrors).toBe(false);
    const principals = new Set(environmentPlan(mesh, 'dev').flatMap((e) => (e.holder.kind === 'policy' ? [e.holder.principal.id] : [])));
    const roles = resourcesOf(synthEnvironment(mesh, 'dev'), 'aws_iam_role').filter((r) => r.tags.Policy !== undefined);
    expect(roles.map((r) => r.name).sort()).toEqual([...principals].map((id) => `mg-dev-${id}`).sort());
  });

  const decision = (name: string, port: string) => {
    const mesh = load(name);
    const product = mesh.products[0];
    return tableDecision(
      mesh,
      product,
      product.outputPorts.find((p) => p.name === port)!,
    );
  };

  it('hierarchical tags: a policy on Sports.Football lands below it, never on a sibling', () => {
    expect(decision('hierarchical-tags', 'quarterbacks').shared.map((p) => p.name)).toEqual(['football-fans', 'own-sport']);
    expect(decision('hierarchical-tags', 'tennis').shared.map((p) => p.name)).toEqual(['own-sport']);
    expect(decision('hierarchical-tags', 'trucks').shared).toEqual([]);
  });

  it('classification as orchestrated RBAC: one policy, a trust per level that admits that clearance and those above it', () => {
    const mesh = load('classification-rbac');
    const trusts = resourcesOf(synthEnvironment(mesh, 'dev'), 'aws_iam_role')
      .filter((r) => r.tags.Policy === 'by-clearance')
      .map((r) => JSON.parse(r.assume_role_policy).Statement[0].Condition.StringLike['aws:PrincipalTag/clearance'])
      .sort((a: string[], b: string[]) => a.length - b.length);
    expect(trusts).toEqual([
      ['restricted'],
      ['restricted', 'restricted.confidential'],
      ['restricted', 'restricted.confidential', 'restricted.confidential.internal'],
    ]);
  });

  it('always-required: three guardrails on every way in; widening one changes exactly that condition', () => {
    const before = decision('always-required', 'orders');
    const after = decision('always-required-widened', 'orders');
    expect(before.required.map((p) => p.name)).toEqual(['employees-only', 'no-contractor-team', 'privacy-trained']);
    const changed = before.required.filter((p, i) => JSON.stringify(p.allow) !== JSON.stringify(after.required[i].allow));
    expect(changed.map((p) => p.name)).toEqual(['privacy-trained']);
  });

  it('row policy by two attributes: a segment per country and line, fraud detection unsegmented', () => {
    const mesh = load('row-policy');
    const reads = environmentPlan(mesh, 'dev').filter((e) => e.level === 'read');
    expect(
      reads.map((e) => (e.holder.kind === 'policy' ? `${describePrincipal(e.holder.principal)}: ${e.rows}` : `${e.via.kind}: all`)),
    ).toEqual([
      "group in (analysts) AND businessLine is corporate AND country is DE: country = 'DE' AND business_line = 'corporate'",
      "group in (analysts) AND businessLine is corporate AND country is FR: country = 'FR' AND business_line = 'corporate'",
      "group in (analysts) AND businessLine is retail AND country is DE: country = 'DE' AND business_line = 'retail'",
      "group in (analysts) AND businessLine is retail AND country is FR: country = 'FR' AND business_line = 'retail'",
      'purpose: all',
    ]);
  });

  it('downstream privacy: the summary binding restricts what the orders binding does; without its restriction it is refused', () => {
    const mesh = load('downstream-privacy');
    const rule = (m: typeof mesh) => checkPolicies(m).findings.filter((f) => f.rule === 'security/downstream-privacy');
    expect(rule(mesh)).toEqual([]);
    const products = mesh.spec.products!.map((p) =>
      p.id === 'sales.summary' ? { ...p, purposes: [{ purpose: 'fraud-detection', ports: ['summary'] }] } : p,
    );
    expect(rule(buildMesh({ ...mesh.spec, products })).map((f) => f.message)).toEqual([
      'product sales.summary: binding to purpose fraud-detection shows `customer_email`, which sales.orders hides from fraud-detection on port orders it consumes',
      "product sales.summary: binding to purpose fraud-detection does not restrict rows as sales.orders does on port orders it consumes (missing: country IN ('DE', 'FR'))",
    ]);
  });
});

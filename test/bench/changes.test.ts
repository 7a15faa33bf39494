import { buildMesh } from '../../lib/model';
import { checkPolicies } from '../../lib/policy/check-policies';
import { changeCostMesh, changedLines } from '../../bench/change-cost';
import { TYPICAL_CHANGES, addGroupToPurpose, changeGlobalPolicy, changePurposeView } from '../../bench/changes';
import { generateMeshSpec } from '../../bench/generator';
import { growthExponent } from '../../bench/growth';

/** The mesh the change-cost table edits. */
const spec = changeCostMesh(50, 1);

describe('typical changes of the benchmark', () => {
  it.each(TYPICAL_CHANGES.map((c) => [c.id, c] as const))('%s gives a mesh that validates', (_, change) => {
    const after = change.apply(spec);
    if ('pending' in after) throw new Error(after.pending);
    expect(JSON.stringify(after)).not.toBe(JSON.stringify(spec));
    // The change brings no error of its own (whatever the generated mesh already has).
    const errors = (s: typeof spec) =>
      checkPolicies(buildMesh(s))
        .findings.filter((f) => f.severity === 'error')
        .map((f) => `${f.rule} ${f.message}`);
    // Rules the generated mesh already breaks (security/purpose-member-approval, newer than the
    // generator) are the generator's to satisfy; a change must break no other.
    const broken = new Set(errors(spec).map((e) => e.split(' ')[0]));
    expect(errors(after).filter((e) => !broken.has(e.split(' ')[0]))).toEqual([]);
  });

  it('diff and impact changes edit one purpose', () => {
    const changed = (s: typeof spec) => (s.purposes ?? []).filter((p, i) => JSON.stringify(p) !== JSON.stringify(spec.purposes![i]));
    expect(changed(changePurposeView(spec))).toHaveLength(1);
    expect(changed(addGroupToPurpose(spec))).toHaveLength(1);
  });
});

describe('changing one global policy', () => {
  it("admits one more department to one subscription's people, and nothing else", () => {
    const after = changeGlobalPolicy(spec);
    if ('pending' in after) throw new Error(after.pending);
    const changed = (after.policies ?? []).filter((p, i) => JSON.stringify(p) !== JSON.stringify(spec.policies![i]));
    expect(changed).toEqual([{ ...spec.policies![0], allow: { attributes: { department: ['finance', 'risk'] } } }]);
    expect({ ...after, policies: spec.policies }).toEqual(spec);
  });

  it('says why not on a mesh without global policies', () => {
    expect(changeGlobalPolicy(generateMeshSpec({ products: 50, environments: 2 }))).toEqual({
      pending: expect.stringMatching(/no subscription by department/),
    });
  });
});

describe('changedLines', () => {
  it('counts lines added plus removed', () => {
    expect(changedLines('a\nb\nc', 'a\nb\nc')).toBe(0);
    expect(changedLines('a\nb\nc', 'a\nx\nc')).toBe(2);
    expect(changedLines('a\nc', 'a\nb\nc')).toBe(1);
    expect(changedLines('', 'a\nb')).toBe(2);
  });
});

describe('growthExponent', () => {
  it('fits time ~ N^k on log-log', () => {
    expect(
      growthExponent([
        { n: 100, seconds: 1 },
        { n: 1000, seconds: 10 },
        { n: 2000, seconds: 20 },
      ]),
    ).toBe(1);
    expect(
      growthExponent([
        { n: 100, seconds: 1 },
        { n: 1000, seconds: 100 },
      ]),
    ).toBe(2);
    expect(growthExponent([{ n: 100, seconds: 1 }])).toBeUndefined();
  });
});

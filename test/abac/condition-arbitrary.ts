import * as fc from 'fast-check';
import { Condition } from '../../lib/abac/condition';
import { AttributeEncoding } from '../../lib/aws/condition-trust';

/**
 * Random attribute conditions over a small fixed vocabulary, shared by the tests that compile
 * them to trust policies (IAM simulated, and readback per person).
 */
export const ENCODINGS: Record<string, AttributeEncoding> = {
  dept: { hierarchical: true, multiValued: false },
  country: { hierarchical: false, multiValued: true },
  line: { hierarchical: true, multiValued: true },
  level: { hierarchical: false, multiValued: false },
};
export const VALUES: Record<string, string[]> = {
  dept: ['Fin', 'Fin.Pay', 'Fin.Pay.Eu', 'Risk', 'FinOps'],
  country: ['US', 'FR', 'DE'],
  line: ['Retail', 'Retail.Cards', 'Corp'],
  level: ['a', 'b'],
};
export const TABLE_TAGS = ['Retail.Cards.Gold', 'Fin.Pay'];

const atom: fc.Arbitrary<Condition> = fc.oneof(
  fc
    .constantFrom(...Object.keys(VALUES))
    .chain((a) => fc.subarray(VALUES[a], { minLength: 1 }).map((anyOf): Condition => ({ kind: 'attribute', attribute: a, anyOf }))),
  fc.subarray(['g1', 'g2'], { minLength: 1 }).map((anyOf): Condition => ({ kind: 'group', anyOf })),
  fc.constant<Condition>({ kind: 'user', anyOf: ['u1'] }),
  fc.constantFrom('dept', 'line', 'country').map((attribute): Condition => ({ kind: 'tag-matches-attribute', attribute })),
);
export const condition: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    tie('c').map((c): Condition => ({ kind: 'not', condition: c })),
    fc.array(tie('c'), { minLength: 2, maxLength: 3 }).map((conditions): Condition => ({ kind: 'all', conditions })),
    fc.array(tie('c'), { minLength: 2, maxLength: 3 }).map((conditions): Condition => ({ kind: 'any', conditions })),
  ),
})).c;

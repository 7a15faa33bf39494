import { MeshValidationError, ProblemCollector } from '../../lib/model/problems';
import { checkAttributes, AttributeSpec } from '../../lib/abac/attributes';
import { ConditionSubject } from '../../lib/abac/condition';
import { GlobalPolicySpec, checkGlobalPolicies } from '../../lib/abac/global-policy';
import {
  TableFacts,
  applicableRowPolicies,
  decideTable,
  describeDecision,
  passesGuardrail,
  readsBySubscription,
} from '../../lib/abac/table-decision';

const ATTRIBUTES: AttributeSpec[] = [
  { name: 'department', values: ['Finance', 'Finance.Payables', 'Marketing', 'Risk'], hierarchical: true },
  { name: 'country', values: ['US', 'FR', 'DE'], multiValued: true },
  { name: 'businessLine', hierarchical: true },
  { name: 'training', values: ['privacy', 'security'], multiValued: true },
];

function policies(specs: GlobalPolicySpec[]) {
  const problems = new ProblemCollector();
  const attributes = checkAttributes(ATTRIBUTES, problems);
  const out = checkGlobalPolicies(
    specs,
    {
      attributes,
      classes: ['pii', 'pci'],
      levels: ['public', 'internal', 'confidential'],
      domains: ['payments', 'customers'],
      purposes: ['fraud-detection'],
    },
    problems,
  );
  problems.throwIfAny();
  return out;
}

function problemsOf(specs: GlobalPolicySpec[]): string[] {
  try {
    policies(specs);
    return [];
  } catch (e) {
    return (e as MeshValidationError).problems.map((p) => `${p.path.join('.')}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
  }
}

const TRANSACTIONS: TableFacts = {
  product: 'payments.transactions',
  domain: 'payments',
  port: 'transactions',
  tags: ['Transactions.Card', 'BusinessLine.Retail.Cards'],
  columnTags: ['email'],
  classes: ['pii'],
  levels: ['confidential', 'internal'],
};

function person(attributes: Record<string, string[]>, groups: string[] = [], table: TableFacts = TRANSACTIONS): ConditionSubject {
  const hierarchical = new Set(ATTRIBUTES.filter((a) => a.hierarchical).map((a) => a.name));
  return { user: 'jay', groups: new Set(groups), attributes, tableTags: table.tags, hierarchical: (a) => hierarchical.has(a) };
}

describe('global policies', () => {
  it('land on data tagged below the tag they name, never on a name that merely starts the same', () => {
    const [p] = policies([{ name: 'cars', on: { tags: ['Transactions'] }, allow: { groups: ['g'] } }]);
    expect(decideTable([p], TRANSACTIONS).shared.map((s) => s.name)).toEqual(['cars']);
    expect(decideTable([p], { ...TRANSACTIONS, tags: ['TransactionsArchive'] }).shared).toEqual([]);
  });

  it('admit through a hierarchical attribute everyone whose value lies below the one named', () => {
    const d = decideTable(
      policies([{ name: 'finance', on: 'everything', allow: { attributes: { department: 'Finance' } } }]),
      TRANSACTIONS,
    );
    expect(readsBySubscription(d, person({ department: ['Finance.Payables'] }))).toBe(true);
    expect(readsBySubscription(d, person({ department: ['Marketing'] }))).toBe(false);
  });

  it('match a tag against an attribute in one direction only (a parent value admits data below it)', () => {
    const d = decideTable(
      policies([{ name: 'own-line', on: { tags: ['BusinessLine'] }, allow: { tagMatchesAttribute: 'businessLine' } }]),
      TRANSACTIONS,
    );
    expect(readsBySubscription(d, person({ businessLine: ['BusinessLine.Retail'] }))).toBe(true);
    expect(readsBySubscription(d, person({ businessLine: ['BusinessLine.Retail.Cards.Premium'] }))).toBe(false);
  });

  it('combine three always-required subscriptions with AND, and widen when one of them is relaxed', () => {
    const required = (name: string, allow: GlobalPolicySpec['allow']): GlobalPolicySpec => ({
      name,
      on: { classes: ['pii'] },
      allow,
      merge: 'always-required',
    });
    const jay = person({ department: ['Finance'], country: ['FR'], training: ['security'] });
    const strict = decideTable(
      policies([
        required('finance-only', { attributes: { department: 'Finance' } }),
        required('eu-only', { attributes: { country: ['FR', 'DE'] } }),
        required('privacy-trained', { attributes: { training: 'privacy' } }),
      ]),
      TRANSACTIONS,
    );
    expect(readsBySubscription(strict, jay)).toBe(false);
    expect(passesGuardrail(strict, jay)).toBe(false);
    const widened = decideTable(
      policies([
        required('finance-only', { attributes: { department: 'Finance' } }),
        required('eu-only', { attributes: { country: ['FR', 'DE'] } }),
        required('privacy-trained', { attributes: { training: ['privacy', 'security'] } }),
      ]),
      TRANSACTIONS,
    );
    expect(readsBySubscription(widened, jay)).toBe(true);
    expect(describeDecision(widened)).toEqual([
      'payments.transactions/transactions',
      '  always required: eu-only, finance-only, privacy-trained',
      '  readable by subscription when: country in (DE, FR) AND department in (Finance) AND training in (privacy, security)',
      '  every other way in also needs: country in (DE, FR) AND department in (Finance) AND training in (privacy, security)',
    ]);
  });

  it('OR shared subscriptions with each other and AND them with the always-required ones', () => {
    const d = decideTable(
      policies([
        { name: 'finance', on: 'everything', allow: { attributes: { department: 'Finance' } } },
        { name: 'risk', on: 'everything', allow: { attributes: { department: 'Risk' } } },
        { name: 'no-contractors', on: 'everything', allow: { not: { groups: ['contractors'] } }, merge: 'always-required' },
      ]),
      TRANSACTIONS,
    );
    expect(readsBySubscription(d, person({ department: ['Risk'] }))).toBe(true);
    expect(readsBySubscription(d, person({ department: ['Risk'] }, ['contractors']))).toBe(false);
    expect(readsBySubscription(d, person({ department: ['Marketing'] }))).toBe(false);
  });

  it('let row policies off for the purposes and groups they except', () => {
    const d = decideTable(
      policies([
        {
          name: 'own-country',
          on: { domains: ['payments'] },
          rows: 'country = @country',
          except: { purposes: ['fraud-detection'], groups: ['auditors'] },
        },
      ]),
      TRANSACTIONS,
    );
    expect(applicableRowPolicies(d, undefined, new Set()).map((p) => p.name)).toEqual(['own-country']);
    expect(applicableRowPolicies(d, 'fraud-detection', new Set())).toEqual([]);
    expect(applicableRowPolicies(d, undefined, new Set(['auditors']))).toEqual([]);
  });

  it('fails if a policy names an undeclared attribute, value, class or purpose, with did-you-mean', () => {
    expect(
      problemsOf([
        { name: 'a', on: { classes: ['pij'] }, allow: { attributes: { departement: 'Finance' } } },
        { name: 'b', on: 'everything', allow: { attributes: { country: ['FR', 'Fr'] } } },
        { name: 'c', on: 'everything', rows: 'x = 1', except: { purposes: ['fraud-detecton'] } },
      ]),
    ).toEqual([
      'policies.0.on.classes.0: unknown class `pij` (did you mean `pii`?)',
      'policies.0.allow.attributes.departement: unknown attribute `departement` (did you mean `department`?)',
      'policies.1.allow.attributes.country.1: `Fr` is not a declared value of attribute `country` (did you mean `FR`?)',
      'policies.2.except.purposes: unknown purpose `fraud-detecton` (did you mean `fraud-detection`?)',
    ]);
  });

  it('fails if a policy is both or neither a subscription and a row policy, or its condition is empty', () => {
    expect(
      problemsOf([
        { name: 'x', on: 'everything' },
        { name: 'y', on: 'everything', allow: {} },
      ]),
    ).toEqual([
      'policies.0: policy `x` must have exactly one of `allow` (a subscription) or `rows` (a row policy)',
      'policies.1.allow: an empty condition admits nobody (write at least one of `attributes`, `groups`, `users`, `tagMatchesAttribute`, `not`, `anyOf`)',
    ]);
  });
});

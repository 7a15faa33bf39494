import { parseRowFilter, substituteParameters } from '../../lib/model/row-filter';

const EXPECTED =
  "expected conditions such as `country = 'FR'`, `amount BETWEEN 1 AND 9`, `code IN ('a', 'b')`, `name LIKE 'A%'` or `note IS NULL`, joined by AND, OR and NOT";

describe('row filters', () => {
  test.each([
    ["country IN ('FR', 'DE')", "country IN ('FR', 'DE')"],
    ["reason <> 'test'", "reason <> 'test'"],
    ["reason != 'test'", "reason <> 'test'"],
    ["country   in('FR','DE')", "country IN ('FR', 'DE')"],
    ['a between 1 and 2 and not b is null', 'a BETWEEN 1 AND 2 AND NOT (b IS NULL)'],
    ['a = 1 or b = 2 and c = 3', 'a = 1 OR (b = 2 AND c = 3)'],
    ['(a = 1 or b = 2) and c = 3', '(a = 1 OR b = 2) AND c = 3'],
    ['(((a = 1)))', 'a = 1'],
    [
      "a NOT IN ('x') AND b NOT LIKE 'A%' AND c NOT BETWEEN 1 AND 2 AND d IS NOT NULL",
      "a NOT IN ('x') AND b NOT LIKE 'A%' AND c NOT BETWEEN 1 AND 2 AND d IS NOT NULL",
    ],
    ['date = 1', '"date" = 1'],
    ['"user" = 1', '"user" = 1'],
    ['Country = 1', 'country = 1'],
    ["a = 'it''s'", "a = 'it''s'"],
    ['a = -1.5 AND b = - 2 AND c = .5', 'a = -1.5 AND b = -2 AND c = .5'],
    ['a = 9999999999999999999999', 'a = 9999999999999999999999'],
    ['a = true or b = FALSE', 'a = TRUE OR b = FALSE'],
    ['a in 1', 'a IN (1)'],
    ["a = '${file(\"/etc/passwd\")}' or b = '%{if x}y%{endif}'", "a = '${file(\"/etc/passwd\")}' OR b = '%{if x}y%{endif}'"],
    ["a = 'x'\n  and b = 'y'", "a = 'x' AND b = 'y'"],
  ])('accepts %j as %j', (filter, canonical) => {
    expect(parseRowFilter(filter)).toEqual({ ok: true, filter: expect.objectContaining({ text: canonical }) });
  });

  test.each([
    ['', 0, 'empty; leave `rows` out for all rows'],
    ['a = 1 -- and b = 2', 6, 'a comment (`--`); a row filter holds no comments, since Lake Formation evaluates the text as written'],
    ['a = 1 /* unclosed', 6, 'a comment (`/*`); a row filter holds no comments, since Lake Formation evaluates the text as written'],
    ['a = 1; DROP TABLE t', 5, '`;` ends a statement; a row filter is one condition, never statements'],
    ["a = 'open", 4, "the string that starts here is never closed; expected a closing `'` (write `''` for a quote inside a string)"],
    ['"a = 1', 0, 'the quoted column name that starts here is never closed; expected a closing `"`'],
    ['))) ((( AND OR NOT', 0, '`)` closes no `(`; parentheses must balance'],
    ['(a = 1 and (b = 2)', 0, '`(` is never closed; expected `)`'],
    [
      'a = (select max(x) from t)',
      5,
      "`select max(x) from t` is a subquery; Lake Formation row filters allow no subqueries; expected a constant (a 'string', a number, TRUE or FALSE)",
    ],
    [
      "lower(email) = 'x'",
      0,
      '`lower(email)` calls a function; Lake Formation row filters allow no functions; expected a column on the left of =',
    ],
    ['exists (select 1)', 0, '`exists (select 1)` calls a function; Lake Formation row filters allow no functions; expected a condition'],
    ['a::int = 1', 0, '`a::int` is a type cast; Lake Formation row filters allow no casts; expected a column on the left of ='],
    ['a + 1 > 2', 0, 'unexpected `a + 1`; expected a column on the left of >'],
    [
      "a ilike 'x'",
      0,
      "operator `ILIKE` in `a ilike 'x'` is not one Lake Formation row filters support; expected =, <>, !=, <, <=, >, >=, IN, BETWEEN, LIKE, IS [NOT] NULL, AND, OR, NOT",
    ],
    ['a = b', 4, 'compares with column `b`; Lake Formation compares columns with constants only'],
    ["'x' = a", 0, "unexpected `'x'`; expected a column on the left of ="],
    ['a = null', 4, '`= NULL` is never true; use `IS NULL` or `IS NOT NULL`'],
    ['x.y = 1', 0, '`x.y` names a nested or qualified column; expected a top-level column of the table'],
    ["user = 'x'", 0, '`user` is a keyword; write "user" to name a column of that name'],
    ['a = @country', 4, "`@country` stands for a reader's attribute, which only row policies may use; expected a constant"],
    ['a = $1', 4, `unexpected \`$\`; ${EXPECTED}`],
    ["a = 'x\u001b[2J'", 6, 'control character U+001B; a row filter holds printable text only'],
    ['a = 1 and', 9, `it ends before its condition is complete; ${EXPECTED}`],
    ['a = 1 b = 2', 8, `unexpected \`=\`; ${EXPECTED}`],
    ['a', 0, 'unexpected `a`; expected a condition'],
    ["a = 'é'".padEnd(2100, ' ') + "or b = '" + 'x'.repeat(5000) + "'", 0, '7110 bytes as written; Lake Formation accepts at most 2047'],
    [`a IN (${Array.from({ length: 400 }, (_, i) => `'${i}'`).join(',')})`, 0, '2695 bytes as sent; Lake Formation accepts at most 2047'],
  ])('refuses filter %# at offset %d: %s', (filter, offset, message) => {
    expect(parseRowFilter(filter)).toEqual({ ok: false, error: { offset, message } });
  });

  describe('reader attributes (row policies)', () => {
    const policy = "country = @country AND business_line IN (@businessLine, 'all')";

    test('are accepted when declared, and rendered as written', () => {
      const parsed = parseRowFilter(policy, { parameters: ['country', 'businessLine'] });
      expect(parsed.ok && parsed.filter.text).toBe("country = @country AND business_line IN (@businessLine, 'all')");
    });

    test('fails if an attribute is not declared', () => {
      expect(parseRowFilter(policy, { parameters: ['country'] })).toEqual({
        ok: false,
        error: { offset: 41, message: 'unknown attribute `@businessLine`; expected one of `@country`' },
      });
    });

    test('a @ inside a string is text, not an attribute', () => {
      const parsed = parseRowFilter("mail = 'a@country'");
      expect(parsed.ok && parsed.filter.text).toBe("mail = 'a@country'");
    });

    test('substitution renders values as string literals, quotes doubled, whatever they hold', () => {
      const parsed = parseRowFilter(policy, { parameters: ['country', 'businessLine'] });
      if (!parsed.ok) throw new Error(parsed.error.message);
      const segment = substituteParameters(parsed.filter, { country: "FR' OR '1'='1", businessLine: '${x} -- ; %{if}' });
      expect(segment.text).toBe("country = 'FR'' OR ''1''=''1' AND business_line IN ('${x} -- ; %{if}', 'all')");
      // The substituted text is itself a valid filter with the same structure.
      expect(parseRowFilter(segment.text)).toEqual({ ok: true, filter: expect.objectContaining({ text: segment.text }) });
    });

    test('fails if a value is missing', () => {
      const parsed = parseRowFilter(policy, { parameters: ['country', 'businessLine'] });
      if (!parsed.ok) throw new Error(parsed.error.message);
      expect(() => substituteParameters(parsed.filter, { country: 'FR' })).toThrow('no value for @businessLine');
    });
  });

  test('the canonical text parses back to itself', () => {
    for (const filter of ["a between 1 and 2 and not (b is null or c like 'x%')", '"select" = \'x\' or level in (1, 2)']) {
      const once = parseRowFilter(filter);
      if (!once.ok) throw new Error(once.error.message);
      expect(parseRowFilter(once.filter.text)).toEqual({ ok: true, filter: expect.objectContaining({ text: once.filter.text }) });
    }
  });
});

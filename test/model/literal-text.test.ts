import { Writable, problemsOf } from '../helpers/spec-problems';

describe('literal text in the spec', () => {
  test('titles, descriptions and row filters may hold `${` and `%{`: they are carried literally', () => {
    expect(
      problemsOf((s) => {
        const p = s.products![0] as Writable;
        p.info.title = '${file("/etc/hostname")}';
        p.info.description = '%{if true}x%{endif}';
        p.outputPorts[0].description = '$${aws:username}';
        (s.purposes![0] as Writable).description = '${var.x}';
      }),
    ).toEqual([]);
  });

  test('fails if a tag value holds `${`: it is used as written', () => {
    expect(problemsOf((s) => ((s.environments[0] as Writable).tags = { CostCenter: '${file("/etc/hostname")}' }))).toEqual([
      'environments.0.tags.CostCenter: value `${file("/etc/hostname")}` contains `${`; names, ids, ARNs and tag values are used as written, and Terraform would evaluate it (only titles, descriptions, reasons and row filters may contain `${` or `%{`)',
    ]);
  });

  test('fails if a key holds `%{`', () => {
    expect(problemsOf((s) => ((s.environments[0] as Writable).tags = { '%{if}': 'x' }))).toEqual([
      'environments.0.tags.%{if}: key `%{if}` contains `%{`; names, ids, ARNs and tag values are used as written, and Terraform would evaluate it (only titles, descriptions, reasons and row filters may contain `${` or `%{`)',
    ]);
  });

  test("fails if any text holds cdktf's token marker, which would become a reference", () => {
    expect(problemsOf((s) => ((s.products![0] as Writable).info.title = 'see ${TfToken[TOKEN.1]}'))).toEqual([
      'products.0.info.title: value `see ${TfToken[TOKEN.1]}` contains `{TfToken[`, which cdktf would take for a reference; it cannot be written literally',
    ]);
  });

  test('fails if any text holds a control character, shown escaped', () => {
    expect(problemsOf((s) => ((s.products![0] as Writable).info.description = 'red \u001b[31m alert'))).toEqual([
      'products.0.info.description: value `red \\u{1b}[31m alert` contains the invisible character U+001B; only tabs and line breaks are allowed',
    ]);
  });

  test('fails if an attribute value could never be a session tag value (an IAM policy variable)', () => {
    expect(problemsOf((s) => ((s.purposes![1] as Writable).members.attributes = [{ department: '${aws:username}' }]))).toEqual([
      'purposes.1.members.attributes.0.department: purpose marketing-analytics: attribute `department` value `${aws:username}` can never be a session tag value (letters, digits, spaces and _ . : / = + - @, at most 256 characters), so no session would match it',
    ]);
  });
});

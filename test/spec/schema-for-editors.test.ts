import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync, readdirSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { parse } from 'yaml';
import { MESH_FILES, SPEC_FILES } from '../../lib/spec/layout';
import schema from '../../schema/meshgrant.schema.json';

const EXAMPLE = 'examples/acme';
const exampleFiles = [
  ...readdirSync(EXAMPLE).filter((f) => f.endsWith('.yaml')),
  ...readdirSync(join(EXAMPLE, 'products')).map((f) => `products/${f}`),
].map((f) => join(EXAMPLE, f));

// Editors validate with the schema's root, which picks the definition by `kind`; the loader uses the definitions directly.
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(schema);

describe('the JSON Schema, as editors use it', () => {
  it.each(exampleFiles)('accepts %s and is reachable from its yaml-language-server comment', (file) => {
    const text = readFileSync(file, 'utf8');
    const schemaPath = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)?.[1];
    expect(schemaPath).toBeDefined();
    expect(resolve(dirname(file), schemaPath!)).toBe(resolve('schema/meshgrant.schema.json'));
    expect(existsSync(resolve(dirname(file), schemaPath!))).toBe(true);
    expect([validate(parse(text)), validate.errors]).toEqual([true, null]);
  });

  it('flags an unknown field and a wrong kind through the root schema', () => {
    const product = parse(readFileSync(join(EXAMPLE, 'products', 'payments.refunds.yaml'), 'utf8'));
    expect(validate({ ...product, owner: 'jane.doe' })).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'owner' } }),
    );
    expect(validate({ ...product, kind: 'Product' })).toBe(false);
  });
});

describe('the JSON Schema and the table of spec files', () => {
  const definitions = schema.definitions as Record<string, { properties?: Record<string, unknown> }>;

  it('has a file definition for every kind of spec file, and no other', () => {
    const fileDefinitions = Object.keys(definitions)
      .filter((d) => d.endsWith('File'))
      .sort();
    expect(fileDefinitions).toEqual(SPEC_FILES.map((f) => `${f.kind}File`).sort());
  });

  it.each(MESH_FILES.map((f) => [f.path, f] as const))('declares in %s exactly the fields the loader and the writer use', (_path, file) => {
    expect(Object.keys(definitions[`${file.kind}File`].properties ?? {}).sort()).toEqual(['apiVersion', 'kind', ...file.fields].sort());
  });
});

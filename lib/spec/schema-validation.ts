import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { excerpt } from '../input/printable';
import { SpecPath } from '../model/problems';
import { suggest } from '../model/suggest';
import schema from '../../schema/meshgrant.schema.json';
import { FILE_KINDS, FileKind } from './layout';
import { Anchor } from './locator';

/** A problem with one field of one file, before it is located. */
export interface FieldProblem {
  /** Path inside the file. */
  readonly path: SpecPath;
  readonly anchor: Anchor;
  readonly message: string;
  readonly hint?: string;
}

/** A part of the JSON Schema, as ajv reports it. */
interface SchemaNode {
  readonly description?: string;
  readonly $ref?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
}

const definitions = schema.definitions as Readonly<Record<string, SchemaNode>>;
let validators: Map<FileKind, ValidateFunction> | undefined;

function validatorOf(kind: FileKind): ValidateFunction {
  if (validators === undefined) {
    // allErrors: report every problem of a file in one run, not just the first.
    const ajv = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true });
    addFormats(ajv);
    ajv.addSchema(schema);
    validators = new Map(FILE_KINDS.map((k) => [k, ajv.getSchema(`${schema.$id}#/definitions/${k}File`)!]));
  }
  return validators.get(kind)!;
}

/** Checks a file's value against the JSON Schema of its kind; returns every problem found. */
export function validateFile(kind: FileKind, value: unknown): FieldProblem[] {
  const validate = validatorOf(kind);
  if (validate(value)) return [];
  return (validate.errors ?? []).map(toFieldProblem).filter((p): p is FieldProblem => p !== undefined);
}

/** `/outputPorts/0/name` -> `['outputPorts', 0, 'name']`. */
function pathOf(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'text',
  array: 'a list',
  object: 'a mapping of fields',
  boolean: 'true or false',
  number: 'a number',
  integer: 'a whole number',
  null: 'nothing',
};

/** How a found value reads in a message: a short excerpt, never a whole file's content. */
function found(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (ArrayBuffer.isView(value)) return 'binary data';
  if (typeof value === 'object') return 'a mapping of fields';
  if (typeof value === 'number') return `the number ${value}`;
  if (value === '') return 'an empty text';
  return excerpt(String(value));
}

function descriptionOf(node: SchemaNode | undefined): string | undefined {
  if (node?.description !== undefined) return node.description;
  const ref = node?.$ref?.replace('#/definitions/', '');
  return ref === undefined ? undefined : definitions[ref]?.description;
}

/** Only a "did you mean" is worth a hint; the full list is already in the message. */
function didYouMean(value: unknown, known: readonly string[]): string | undefined {
  if (typeof value !== 'string') return undefined;
  const hint = suggest(value, known);
  return hint.startsWith('did you mean') ? hint : undefined;
}

function toFieldProblem(e: ErrorObject): FieldProblem | undefined {
  const path: SpecPath = pathOf(e.instancePath);
  const parent = e.parentSchema as SchemaNode | undefined;
  const expected = descriptionOf(parent);
  switch (e.keyword) {
    case 'propertyNames':
    case 'if':
      return undefined; // the error inside (the name itself; the branch taken) says it better
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      const about = descriptionOf(parent?.properties?.[missing]);
      return { path, anchor: 'value', message: `missing field \`${missing}\``, hint: about && `${missing}: ${about}` };
    }
    case 'additionalProperties': {
      const field = (e.params as { additionalProperty: string }).additionalProperty;
      return {
        path: [...path, field],
        anchor: 'key',
        message: `unknown field ${excerpt(field)}`,
        hint: suggest(field, Object.keys(parent?.properties ?? {})),
      };
    }
    case 'type': {
      const types = ([] as string[]).concat(e.schema as string | string[]).map((t) => TYPE_NAMES[t] ?? t);
      const quote = types.includes('text') && (typeof e.data === 'number' || typeof e.data === 'boolean');
      return {
        path,
        anchor: 'value',
        message: `found ${found(e.data)}; expected ${types.join(' or ')}`,
        hint: quote ? `put it in quotes: '${String(e.data)}'` : undefined,
      };
    }
    case 'enum': {
      const allowed = e.schema as string[];
      return {
        path,
        anchor: 'value',
        message: `found ${found(e.data)}; expected one of: ${allowed.join(', ')}`,
        hint: didYouMean(e.data, allowed),
      };
    }
    case 'const':
      return { path, anchor: 'value', message: `found ${found(e.data)}; expected \`${String(e.schema)}\`` };
    case 'minItems':
      return {
        path,
        anchor: 'value',
        message: `found ${found(e.data)}; expected at least ${String(e.schema)} item${e.schema === 1 ? '' : 's'}`,
      };
    case 'pattern':
    case 'format':
    case 'minLength': {
      if (e.propertyName !== undefined) {
        return {
          path: [...path, e.propertyName],
          anchor: 'key',
          message: `found name ${found(e.propertyName)}; expected ${expected ?? e.message}`,
        };
      }
      return { path, anchor: 'value', message: `found ${found(e.data)}; expected ${expected ?? e.message}`, hint: patternHint(e) };
    }
    default:
      return { path, anchor: 'value', message: e.message ?? `does not match the schema (${e.keyword})` };
  }
}

/** Hints for the two mistakes people make most with names: wildcards and capitals. */
function patternHint(e: ErrorObject): string | undefined {
  const value = String(e.data);
  if (value.includes('*')) return 'wildcards are not allowed; name things exactly';
  if (e.keyword === 'pattern' && value !== value.toLowerCase() && new RegExp(String(e.schema)).test(value.toLowerCase()))
    return 'use lower case';
  return undefined;
}

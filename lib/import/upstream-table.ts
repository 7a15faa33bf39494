import { NAME_PATTERNS } from '../model/names';

/**
 * A table as another tool describes it (a dbt model, a Glue table, a data contract's schema
 * object), reduced to what a port needs. Every string came from an imported file and is checked
 * before it gets here: names match the mesh's patterns, descriptions hold no invisible
 * characters, types look like Glue types.
 */
export interface UpstreamTable {
  /** Glue database. */
  readonly database: string;
  readonly name: string;
  readonly description?: string;
  /** Data columns, in upstream order. */
  readonly columns: readonly UpstreamColumn[];
  /** Partition keys, in upstream order. */
  readonly partitionKeys: readonly UpstreamColumn[];
}

/** A column as upstream describes it. */
export interface UpstreamColumn {
  readonly name: string;
  /** Glue/Hive type, lower case. */
  readonly type: string;
  readonly description?: string;
  /** Candidate entity tags (dbt tags and meta, Glue parameters, contract classification), sorted. */
  readonly tags: readonly string[];
}

/** What an import read, and what it left out of the file and why. */
export interface UpstreamRead {
  readonly tables: readonly UpstreamTable[];
  /** One line per value left out (`table orders: column Bad-Name skipped: ...`). */
  readonly skipped: readonly string[];
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
/** Glue/Hive types: `string`, `decimal(12,2)`, `array<struct<a:int>>`; at most 2,000 characters. */
const GLUE_TYPE = /^[a-z][a-z0-9_]*(\([0-9, ]+\)|<[a-z0-9_<>(),: ]+>)?$/;
const ENTITY_TAG = /^[a-z][a-z0-9_]{0,63}$/;
/** Longest description kept: Glue's column comment limit. */
const DESCRIPTION_MAX = 255;

/**
 * Checks the values of one upstream table and collects what it keeps: names Glue would store
 * (lower-cased, as Glue does), types of Glue's grammar, descriptions without invisible characters
 * or token markers (cut to Glue's 255 characters), entity tags of the mesh's name form. What
 * does not pass is reported by `say`, never written.
 */
export class UpstreamChecker {
  readonly skipped: string[] = [];

  /** A table name, lower-cased; undefined (and reported) when Glue would not take it. */
  tableName(value: unknown, where: string): string | undefined {
    const name = typeof value === 'string' ? value.toLowerCase() : undefined;
    if (name !== undefined && NAME_PATTERNS.table.test(name)) return name;
    this.skipped.push(`${where}: skipped: table name ${shown(value)} is not a Glue table name`);
    return undefined;
  }

  /** A column, or undefined (reported) when its name or type is unusable. */
  column(
    raw: { name: unknown; type: unknown; description?: unknown; tags?: readonly unknown[] },
    where: string,
  ): UpstreamColumn | undefined {
    const name = typeof raw.name === 'string' ? raw.name.toLowerCase() : undefined;
    if (name === undefined || !NAME_PATTERNS.column.test(name)) {
      this.skipped.push(`${where}: column ${shown(raw.name)} skipped: not a Glue column name`);
      return undefined;
    }
    const type = typeof raw.type === 'string' ? raw.type.trim().toLowerCase() : undefined;
    if (type === undefined || type.length > 2000 || !GLUE_TYPE.test(type)) {
      this.skipped.push(`${where}: column ${name} skipped: type ${shown(raw.type)} is not a Glue type`);
      return undefined;
    }
    const tags: string[] = [];
    for (const t of raw.tags ?? []) {
      const tag = typeof t === 'string' ? t.trim().toLowerCase() : undefined;
      if (tag !== undefined && ENTITY_TAG.test(tag)) tags.push(tag);
      else this.skipped.push(`${where}: column ${name}: tag ${shown(t)} skipped: not a tag name`);
    }
    const description = this.description(raw.description, `${where}: column ${name}`);
    return { name, type, ...(description !== undefined ? { description } : {}), tags: [...new Set(tags)].sort() };
  }

  /** A description, or undefined (reported when there was one) when it holds what no field may. */
  description(value: unknown, where: string): string | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string' || INVISIBLE.test(value) || value.includes('{TfToken[')) {
      this.skipped.push(`${where}: description skipped: it holds invisible characters or is not text`);
      return undefined;
    }
    const trimmed = value.trim();
    return trimmed.length > DESCRIPTION_MAX ? `${trimmed.slice(0, DESCRIPTION_MAX - 3)}...` : trimmed || undefined;
  }
}

/** A value from an imported file, safe to print: quoted, invisible characters escaped, cut at 60. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : value === undefined ? 'none' : (JSON.stringify(value) ?? String(value));
  const json = JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
  return json.replace(/[\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

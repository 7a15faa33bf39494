import { NAME_PATTERNS } from './names';
import { ProblemCollector, SpecPath } from './problems';
import { suggest } from './suggest';

/** A class of sensitive data (`pii`, `pci`, ...) and the entity tags that belong to it. */
export interface DataClassSpec {
  /** Sensitivity level of a column carrying this class; one of the scheme's levels. */
  readonly level: string;
  /** Entity tags (facts about a column, such as `email`) that make a column part of this class. */
  readonly entities: readonly string[];
  /** What the class covers, for people reading reports. */
  readonly description?: string;
}

/** How entity tags on columns turn into classes and sensitivity levels. */
export interface ClassificationSpec {
  /** Sensitivity levels, least sensitive first, e.g. `[public, internal, confidential, restricted]`. */
  readonly levels: readonly string[];
  /**
   * Level of a column that carries no class.
   * @default - the lowest level
   */
  readonly defaultLevel?: string;
  /** Classes by name. */
  readonly classes: Readonly<Record<string, DataClassSpec>>;
}

/** The validated classification scheme. */
export class Classification {
  /** Levels, least sensitive first. */
  readonly levels: readonly string[];
  readonly defaultLevel: string;
  /** Class names, sorted. */
  readonly classNames: readonly string[];
  private readonly classOfEntity: ReadonlyMap<string, string>;
  private readonly levelOfClass: ReadonlyMap<string, string>;

  /** @internal use `resolveClassification` */
  constructor(spec: ClassificationSpec) {
    this.levels = [...spec.levels];
    this.defaultLevel = spec.defaultLevel ?? spec.levels[0];
    this.classNames = Object.keys(spec.classes).sort();
    const entities = new Map<string, string>();
    const levels = new Map<string, string>();
    for (const name of this.classNames) {
      levels.set(name, spec.classes[name].level);
      for (const e of spec.classes[name].entities) entities.set(e, name);
    }
    this.classOfEntity = entities;
    this.levelOfClass = levels;
  }

  /** All entity tags the scheme knows. */
  get entities(): string[] {
    return [...this.classOfEntity.keys()].sort();
  }

  /** The class an entity tag belongs to, or undefined for an unknown tag. */
  classOf(entity: string): string | undefined {
    return this.classOfEntity.get(entity);
  }

  /** The level of a class. */
  levelOf(className: string): string {
    const level = this.levelOfClass.get(className);
    if (level === undefined) throw new Error(`unknown class ${className}`);
    return level;
  }

  /** Rank of a level: 0 for the least sensitive. */
  rank(level: string): number {
    const r = this.levels.indexOf(level);
    if (r < 0) throw new Error(`unknown level ${level}`);
    return r;
  }

  /** The most sensitive level of the scheme. */
  get topLevel(): string {
    return this.levels[this.levels.length - 1];
  }

  /** Levels at or below `level`, least sensitive first. */
  levelsUpTo(level: string): string[] {
    return this.levels.slice(0, this.rank(level) + 1);
  }

  /** Sorted, distinct classes of a set of entity tags (unknown tags are ignored). */
  classesOf(entities: readonly string[]): string[] {
    const out = new Set<string>();
    for (const e of entities) {
      const c = this.classOf(e);
      if (c !== undefined) out.add(c);
    }
    return [...out].sort();
  }

  /** The level of a column with these classes: the most sensitive of them; the default level without any. */
  levelOfClasses(classes: readonly string[]): string {
    if (classes.length === 0) return this.defaultLevel;
    return this.levels[Math.max(...classes.map((c) => this.rank(this.levelOf(c))))];
  }
}

/** Checks a classification spec, adding every problem found; returns the scheme when usable. */
export function resolveClassification(
  spec: ClassificationSpec,
  problems: ProblemCollector,
  path: SpecPath = ['classification'],
): Classification | undefined {
  const before = problems.problems.length;
  const levels = spec.levels ?? [];
  if (levels.length === 0) problems.add([...path, 'levels'], 'classification needs at least one level');
  const seen = new Set<string>();
  levels.forEach((l, i) => {
    if (!NAME_PATTERNS.classification.test(l))
      problems.add([...path, 'levels', i], `level \`${l}\` must be lower case letters, digits or _`);
    if (seen.has(l)) problems.add([...path, 'levels', i], `level \`${l}\` is listed twice`);
    seen.add(l);
  });
  if (spec.defaultLevel !== undefined && !seen.has(spec.defaultLevel)) {
    problems.add([...path, 'defaultLevel'], `unknown level \`${spec.defaultLevel}\``, suggest(spec.defaultLevel, seen));
  }
  const owner = new Map<string, string>();
  for (const name of Object.keys(spec.classes ?? {}).sort()) {
    const c = spec.classes[name];
    if (!NAME_PATTERNS.classification.test(name))
      problems.add([...path, 'classes', name], `class \`${name}\` must be lower case letters, digits or _`);
    if (!seen.has(c.level))
      problems.add([...path, 'classes', name, 'level'], `class \`${name}\` has unknown level \`${c.level}\``, suggest(c.level, seen));
    (c.entities ?? []).forEach((e, i) => {
      const other = owner.get(e);
      if (other !== undefined) {
        problems.add(
          [...path, 'classes', name, 'entities', i],
          `entity tag \`${e}\` is in classes \`${other}\` and \`${name}\`; an entity tag belongs to one class`,
        );
      }
      owner.set(e, name);
    });
  }
  return problems.problems.length === before ? new Classification(spec) : undefined;
}

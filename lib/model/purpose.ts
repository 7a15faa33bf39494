import type { Classification } from './classification';
import type { EnvironmentSpec } from './environment';
import { Members, MembersSpec, checkMemberMapping, checkMembers, normalizeMembers } from './members';
import { NAME_PATTERNS } from './names';
import { SpecPath } from './problems';
import { SpecCheck } from './spec-check';
import { suggest } from './suggest';

/**
 * Why data is used (`fraud-detection`, `marketing`). An approver admits members; products bind
 * themselves to the purpose; members read, for this purpose only, what each binding exposes.
 */
export interface PurposeSpec {
  /** Lower-case name with hyphens, e.g. `fraud-detection`. */
  readonly name: string;
  /** What the purpose is for, shown in reports and audits. */
  readonly description?: string;
  /** Person who admits members (e.g. a line manager). */
  readonly approver: string;
  /**
   * People who may approve members on the approver's behalf (e.g. a deputy during leave).
   * @default - none: only the approver
   */
  readonly delegates?: readonly string[];
  /** People admitted to the purpose. */
  readonly members?: MembersSpec;
  /**
   * Classes of data the purpose may see (e.g. `[pii]`); columns of any other class stay hidden.
   * @default - none: only columns without a class
   */
  readonly allowedClasses?: readonly string[];
}

/** A validated purpose. */
export interface Purpose {
  /** Where the purpose is in the spec (`['purposes', i]`), to locate findings. */
  readonly specPath: SpecPath;
  readonly name: string;
  readonly description?: string;
  readonly approver: string;
  /** Sorted. */
  readonly delegates: readonly string[];
  readonly members: Members;
  /** Sorted. */
  readonly allowedClasses: readonly string[];
}

/** Per purpose (spec index), per environment: the products that bind it there. */
export type PurposeBinders = Map<number, Map<string, string[]>>;

/** Checks the purposes; returns the spec index of each purpose by name. */
export function checkPurposes(
  check: SpecCheck,
  purposes: readonly PurposeSpec[],
  classification: Classification | undefined,
): ReadonlyMap<string, number> {
  check.unique(purposes, (p) => p.name, ['purposes'], 'purpose');
  const indexes = new Map<string, number>();
  purposes.forEach((p, i) => {
    const path: SpecPath = ['purposes', i];
    indexes.set(p.name, i);
    check.pattern(p.name, NAME_PATTERNS.purpose, [...path, 'name'], 'purpose name', 'lower case letters, digits or -');
    if (!p.approver) check.add([...path, 'approver'], `purpose ${p.name} has no approver; someone must admit its members`);
    (p.allowedClasses ?? []).forEach((c, j) => {
      if (classification && !classification.classNames.includes(c)) {
        check.add([...path, 'allowedClasses', j], `purpose ${p.name} allows unknown class \`${c}\``, suggest(c, classification.classNames));
      }
    });
    (p.delegates ?? []).forEach((d, j) => {
      if (d === p.approver) check.add([...path, 'delegates', j], `purpose ${p.name}: ${d} is its approver, not a delegate`);
    });
    checkMembers(check, p.members, [...path, 'members'], `purpose ${p.name}`);
  });
  return indexes;
}

/**
 * A purpose's members need a principal wherever a product binds it: checked once per purpose and
 * environment; members expired as of `asOf` need none.
 */
export function checkPurposeMembers(
  check: SpecCheck,
  purposes: readonly PurposeSpec[],
  binders: PurposeBinders,
  environments: ReadonlyMap<string, EnvironmentSpec>,
  asOf?: string,
): void {
  for (const [index, byEnv] of [...binders].sort(([a], [b]) => a - b)) {
    const purpose = purposes[index];
    for (const [env, products] of byEnv) {
      checkMemberMapping(
        check,
        purpose.members,
        ['purposes', index, 'members'],
        `purpose ${purpose.name} (bound by ${products.join(', ')})`,
        [env],
        environments,
        asOf,
      );
    }
  }
}

/**
 * The validated purpose of a checked spec.
 * @param asOf the day expiry is evaluated against (`YYYY-MM-DD`, UTC); undefined keeps every member
 */
export function toPurpose(p: PurposeSpec, index: number, asOf?: string): Purpose {
  return {
    specPath: ['purposes', index],
    name: p.name,
    description: p.description,
    approver: p.approver,
    delegates: [...new Set(p.delegates ?? [])].sort(),
    members: normalizeMembers(p.members, ['purposes', index, 'members'], asOf),
    allowedClasses: [...new Set(p.allowedClasses ?? [])].sort(),
  };
}

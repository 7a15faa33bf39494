import { Catalog, compare } from './catalog';
import { AccessPrincipal } from './effective-access';
import { readGuardsTag } from './guards-tag';
import { CatalogTags } from './lf-tags';
import { readRoles } from './principals';
import { ReadbackProblem, StackProblems } from './readback-problems';
import { readEnvironmentStacks } from './environment-stacks';
import { stackTarget } from './terraform-stack';
import { checkStackShape } from './understood-shapes';
import { StackWorkgroup, readWorkgroups } from './workgroups';

/**
 * What one synthesized stack says about the principals, workgroups and tables of its account
 * and region: enough to attribute a CloudTrail event there to a product role, a purpose or a
 * policy principal, and to say which classes the table it read holds.
 */
export interface StackAttribution {
  readonly stack: string;
  readonly environment: string;
  readonly account: string;
  readonly region: string;
  /** The IAM roles the stack declares, by ARN. */
  readonly roles: ReadonlyMap<string, AccessPrincipal>;
  /** The same roles by name (a session ARN names the role without its path). */
  readonly rolesByName: ReadonlyMap<string, AccessPrincipal>;
  readonly workgroups: ReadonlyMap<string, StackWorkgroup>;
  /**
   * The purpose each role works for, by ARN: a purpose role's `Purpose` tag, or the purpose whose
   * way in a policy principal guards (its `Guards` tag `purpose:<name>`, docs/aws-mapping.md).
   */
  readonly purposeOfRole: ReadonlyMap<string, string>;
  /**
   * Classes each declared table holds (any column tagged `class-<c> = yes`), sorted, by
   * `<database>.<table>`; tables without a class map to an empty list.
   */
  readonly tableClasses: ReadonlyMap<string, readonly string[]>;
  /** Classes of each declared database: of all its tables. */
  readonly databaseClasses: ReadonlyMap<string, readonly string[]>;
}

/**
 * Every environment of a cdktf output as audit reads it (an environment split per domain read as
 * one, as every report reads it), and what readback does not understand there.
 */
export function readAttribution(outdir: string): { stacks: StackAttribution[]; problems: ReadbackProblem[] } {
  const problems: ReadbackProblem[] = [];
  const stacks = readEnvironmentStacks(outdir).map((stack) => {
    const target = stackTarget(stack);
    const found = new StackProblems(stack.name, target.environment);
    checkStackShape(stack, found);
    const catalog = new Catalog(stack);
    const tags = new CatalogTags(stack, catalog, found);
    const roles = new Map([...readRoles(stack, target.account, found)].map(([arn, r]) => [arn, r.principal]));
    const tableClasses = new Map<string, readonly string[]>();
    const databaseClasses = new Map<string, Set<string>>();
    for (const table of catalog.tables) {
      const classes = [...new Set([...tags.columnClasses(table).values()].flat())].sort(compare);
      tableClasses.set(`${table.database}.${table.name}`, classes);
      const db = databaseClasses.get(table.database) ?? new Set<string>();
      classes.forEach((c) => db.add(c));
      databaseClasses.set(table.database, db);
    }
    // Read from the roles readback already read: a purpose role's purpose, or the purpose a guard stands in for.
    const purposeOfRole = new Map(
      [...roles].flatMap(([arn, p]): [string, string][] => {
        const guarded = p.guards === undefined ? undefined : readGuardsTag(p.guards);
        const purpose = p.purpose ?? (guarded?.kind === 'purpose' ? guarded.purpose : undefined);
        return purpose === undefined ? [] : [[arn, purpose]];
      }),
    );
    problems.push(...found.list);
    return {
      stack: stack.name,
      ...target,
      roles,
      rolesByName: new Map([...roles.values()].map((p) => [p.roleName, p])),
      workgroups: readWorkgroups(stack),
      purposeOfRole,
      tableClasses,
      databaseClasses: new Map([...databaseClasses].map(([d, c]) => [d, [...c].sort(compare)])),
    };
  });
  return { stacks, problems };
}

import { IdentityMapping } from '../directory/who-can-become';
import { AccessDiff } from './access-diff';

/**
 * The diff with trusted member ARNs named as the directory identities they map to in their
 * environment (`group fraud-analysts`), so that reviewers read names instead of ARNs. ARNs that
 * map to nothing stay as they are.
 */
export function nameMembers(diff: AccessDiff, identities: ReadonlyMap<string, IdentityMapping>): AccessDiff {
  const members = diff.members.map((m) => {
    const identity = identities.get(m.environment);
    const names = new Map<string, string[]>();
    for (const [kind, mapping] of [
      ['group', identity?.groups],
      ['user', identity?.users],
    ] as const) {
      for (const [name, arn] of mapping ?? []) names.set(arn, [...(names.get(arn) ?? []), `${kind} ${name}`]);
    }
    const named = (list: readonly string[]) => [...new Set(list.flatMap((x) => names.get(x) ?? [x]))].sort();
    return { ...m, members: { gained: named(m.members.gained), lost: named(m.members.lost) } };
  });
  return { ...diff, members };
}

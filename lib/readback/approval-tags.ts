import type { MemberApproval } from './effective-access';

/** `Approval<n>` tags of a role (docs/lifecycle.md, "Approvals in the synthesized output"). */
const APPROVAL_KEY = /^Approval([1-9][0-9]{0,2})$/;
const UNTAGGED_KEY = 'ApprovalsUntagged';
const FIELDS: Readonly<Record<string, keyof MemberApproval | 'member'>> = {
  user: 'member',
  group: 'member',
  rule: 'member',
  by: 'approvedBy',
  on: 'approvedOn',
  until: 'expires',
  ticket: 'ticket',
};
const KINDS: Readonly<Record<string, MemberApproval['kind']>> = { user: 'user', group: 'group', rule: 'attributes' };

/**
 * Decodes tag text: `_` and two hex digits are one UTF-8 byte, other characters stand for
 * themselves. Undefined when the text is not in that form (an `_` without two upper-case hex
 * digits, bytes that are not UTF-8, control characters).
 */
export function fromTagText(text: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '_') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-F]{2}$/.test(hex)) return undefined;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (/^[A-Za-z0-9.:/+@-]$/.test(ch)) bytes.push(ch.charCodeAt(0));
    else return undefined;
  }
  const decoded = Buffer.from(bytes).toString('utf8');
  // A byte sequence that is not UTF-8 decodes to U+FFFD: it was not written by an encoder. Control
  // characters and bidirectional overrides are refused: the spec never holds them, and they would
  // reach a terminal.
  if (!Buffer.from(decoded, 'utf8').equals(Buffer.from(bytes))) return undefined;
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/.test(decoded) ? undefined : decoded;
}

/**
 * The member approvals a role's tags carry, in tag order, and how many approved members the
 * role had no room to tag. Tags that look like approvals but do not decode are reported
 * through `notUnderstood` and left out.
 */
export function approvalsOfTags(
  tags: Readonly<Record<string, unknown>>,
  notUnderstood: (what: string) => void,
): { approvals: MemberApproval[]; untagged?: number } {
  const found: [number, MemberApproval][] = [];
  for (const [key, value] of Object.entries(tags)) {
    const m = APPROVAL_KEY.exec(key);
    if (m === null) continue;
    const approval = typeof value === 'string' ? parseApproval(value) : undefined;
    if (approval === undefined) notUnderstood(`tag ${key} is not an approval record meshgrant reads`);
    else found.push([Number(m[1]), approval]);
  }
  found.sort((a, b) => a[0] - b[0]);
  const raw = tags[UNTAGGED_KEY];
  const untagged = typeof raw === 'string' && /^[1-9][0-9]{0,3}$/.test(raw) ? Number(raw) : undefined;
  if (raw !== undefined && untagged === undefined) notUnderstood(`tag ${UNTAGGED_KEY} is not a count`);
  return { approvals: found.map(([, a]) => a), ...(untagged !== undefined ? { untagged } : {}) };
}

function parseApproval(value: string): MemberApproval | undefined {
  const out: Record<string, string> = {};
  let kind: MemberApproval['kind'] | undefined;
  for (const field of value.split(' ')) {
    const eq = field.indexOf('=');
    const key = field.slice(0, eq);
    const name = FIELDS[key];
    const text = eq > 0 ? fromTagText(field.slice(eq + 1)) : undefined;
    if (name === undefined || text === undefined || out[name] !== undefined) return undefined;
    if (name === 'member') kind = KINDS[key];
    out[name] = text;
  }
  if (kind === undefined) return undefined;
  const { member, ...rest } = out;
  return { kind, member, ...rest };
}

import type { Approval } from '../model/approval';
import type { MemberEntry } from '../model/members';

/**
 * Approvals written into the synthesized output as IAM role tags, so that an audit of the
 * deployed roles (readback, `meshgrant access`) shows who approved each member, when, under
 * which ticket and until when, without the YAML.
 *
 * One tag per member entry that records an approval: key `Approval<n>` (n from 1, in the order
 * the entries are declared), value `user=<name> by=<approver> on=<day> until=<day> ticket=<ticket>`
 * (fields absent when not recorded; `group=` or `rule=` instead of `user=`). The reason is prose
 * and stays in the spec.
 *
 * IAM tag values allow letters, digits, spaces and `_ . : / = + - @`, at most 256 characters; an
 * IAM role holds at most 50 tags. User text is encoded: every character outside
 * `A-Z a-z 0-9 . : / + - @` becomes `_` and two upper-case hex digits per UTF-8 byte (`_20` is a
 * space, `_5F` an underscore, `_24_7B` is `${`), so that a value is always a valid tag, never a
 * Terraform template or an IAM policy variable, and decodes to exactly what was written.
 */
export const APPROVAL_TAG_PREFIX = 'Approval';

/** The tag that counts approved members left untagged because the role ran out of tags. */
export const APPROVALS_UNTAGGED_TAG = 'ApprovalsUntagged';

/** IAM: at most 50 tags per role (default tags of the provider included), values of at most 256 characters. */
export const IAM_ROLE_TAGS_MAX = 50;
export const IAM_TAG_VALUE_MAX = 256;

const PLAIN = /^[A-Za-z0-9.:/+@-]$/;

/** `text` in the tag alphabet, decodable (see {@link APPROVAL_TAG_PREFIX}). */
export function tagText(text: string): string {
  let out = '';
  for (const ch of text) {
    if (PLAIN.test(ch)) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const KIND_FIELD: Record<MemberEntry['kind'], string> = { user: 'user', group: 'group', attributes: 'rule' };

/**
 * The tag value of one member's approval. Fields that would take the value past 256 characters
 * are left out (the ticket first); a member name that alone exceeds it is cut at a character.
 */
export function approvalTagValue(kind: MemberEntry['kind'], member: string, approval: Approval): string {
  let value = `${KIND_FIELD[kind]}=`;
  // Character by character, so that a cut name still decodes.
  for (const ch of member) {
    const encoded = tagText(ch);
    if (value.length + encoded.length > IAM_TAG_VALUE_MAX) break;
    value += encoded;
  }
  const fields: [string, string | undefined][] = [
    ['by', approval.approvedBy],
    ['on', approval.approvedOn],
    ['until', approval.expires],
    ['ticket', approval.ticket],
  ];
  for (const [key, text] of fields) {
    if (text === undefined) continue;
    const field = ` ${key}=${tagText(text)}`;
    if (value.length + field.length <= IAM_TAG_VALUE_MAX) value += field;
  }
  return value;
}

/** True when an entry records anything worth carrying: an approver, a day, a ticket or an expiry. */
function recorded(a: Approval): boolean {
  return a.approvedBy !== undefined || a.approvedOn !== undefined || a.ticket !== undefined || a.expires !== undefined;
}

/**
 * The approval tags of a role whose members are `entries`, within the room its other tags
 * (`taken`: its own and the environment's default tags, by key) leave. When approvals outnumber
 * the room, the first ones are tagged and `ApprovalsUntagged` counts the others.
 */
export function approvalTags(
  entries: readonly { kind: MemberEntry['kind']; member: string; approval: Approval }[],
  taken: readonly string[],
): Record<string, string> {
  const approved = entries.filter((e) => recorded(e.approval));
  const room = IAM_ROLE_TAGS_MAX - new Set(taken).size;
  const fits = approved.length <= room ? approved.length : room - 1;
  const tags: Record<string, string> = {};
  approved
    .slice(0, Math.max(fits, 0))
    .forEach((e, i) => (tags[`${APPROVAL_TAG_PREFIX}${i + 1}`] = approvalTagValue(e.kind, e.member, e.approval)));
  if (fits < approved.length) tags[APPROVALS_UNTAGGED_TAG] = String(approved.length - Math.max(fits, 0));
  return tags;
}

/** A role's own tags with the approvals of its members added, within what the environment's default tags leave. */
export function withApprovals(
  own: Record<string, string>,
  entries: readonly { kind: MemberEntry['kind']; member: string; approval: Approval }[],
  env: { readonly tags: Readonly<Record<string, string>> },
): Record<string, string> {
  return { ...own, ...approvalTags(entries, [...Object.keys(own), ...Object.keys(env.tags)]) };
}

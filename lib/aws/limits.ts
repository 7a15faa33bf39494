/**
 * Lake Formation LF-tag limits ("Lake Formation tag-based access control notes and restrictions"):
 * keys and values up to 50 characters, 50 LF-tags per resource; soft quotas of 1000 LF-tags per
 * account and 1000 values per LF-tag.
 */
export const LF_TAG_LIMITS = {
  length: 50,
  perResource: 50,
  perAccount: 1000,
  valuesPerKey: 1000,
} as const;

/** Glue API limits (Column.Comment, TableInput.Description, DatabaseInput.Description). */
export const GLUE_TEXT_LIMITS = {
  columnComment: 255,
  description: 2048,
} as const;

/** IAM quota ACLSizePerRole: a role trust policy has at most 2048 characters, white space not counted (adjustable). */
export const TRUST_POLICY_MAX = 2048;

/** IAM quota "Roles per account": 1000 by default (adjustable up to 5000). Every product role, purpose and principal of global policies is one. */
export const IAM_ROLES_PER_ACCOUNT = 1000;

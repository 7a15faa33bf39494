/**
 * What an STS session tag can hold (IAM and STS character limits; the `Tag` type of the STS API):
 * keys of 1 to 128 and values of at most 256 Unicode letters, digits, spaces and `_ . : / = + - @`.
 * An attribute rule compares `aws:PrincipalTag/<key>` with its values, so a value outside this
 * set can never match a session, and `$`, `{` and `}` (an IAM policy variable) are not in it.
 */
export const SESSION_TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
export const SESSION_TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

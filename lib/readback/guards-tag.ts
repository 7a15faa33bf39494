/**
 * The way in a principal of global policies guards or segments, as its `Guards` IAM tag names it
 * (docs/aws-mapping.md): `<product>/<role>` or `purpose:<name>`. Readback's own reading of the tag
 * contract lib/aws/guards-tag.ts writes (readback shares no code with what it checks).
 */
export type GuardedWay =
  { readonly kind: 'role'; readonly product: string; readonly role: string } | { readonly kind: 'purpose'; readonly purpose: string };

const PURPOSE = /^purpose:([a-z][a-z0-9-]*)$/;
const PRODUCT_ROLE = /^([a-z][a-z0-9-]*\.[a-z][a-z0-9-]*)\/([a-z]+)$/;

/** The way in a `Guards` tag value names; undefined when it is in neither form (not understood: fail closed). */
export function readGuardsTag(value: string): GuardedWay | undefined {
  const purpose = PURPOSE.exec(value);
  if (purpose) return { kind: 'purpose', purpose: purpose[1] };
  const role = PRODUCT_ROLE.exec(value);
  return role ? { kind: 'role', product: role[1], role: role[2] } : undefined;
}

import type { GuardedHolder } from '../plan/named-holder';

/**
 * The value of the `Guards` IAM tag of a principal of global policies: the way in it guards or
 * segments, `<product>/<role>` for a product role, `purpose:<name>` for a purpose (the tag
 * contract of docs/aws-mapping.md). lib/readback/guards-tag.ts reads it back, on its own as
 * readback shares no code with what it checks; test/readback/guards-tag.test.ts ties the two.
 */
export function guardsTagValue(way: GuardedHolder): string {
  return way.kind === 'purpose' ? `purpose:${way.purpose}` : `${way.product}/${way.role}`;
}

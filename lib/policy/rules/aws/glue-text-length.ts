import { GLUE_TEXT_LIMITS } from '../../../aws/limits';
import type { SpecPath } from '../../../model/problems';
import type { PolicyRule, Violation } from '../../rule';

function tooLong(text: string | undefined, max: number, path: SpecPath, what: string): Violation[] {
  if (text === undefined || text.length <= max) return [];
  return [
    {
      path,
      message: `${what} has ${text.length} characters; Glue accepts at most ${max}`,
      fix: `shorten it to ${max} characters and move details to the product's documentation`,
    },
  ];
}

/** Descriptions become Glue comments and descriptions, whose limits no name shortening can fix. */
export const glueTextLength: PolicyRule = {
  id: 'aws/glue-text-length',
  severity: 'error',
  description: `Column descriptions fit a Glue column comment (${GLUE_TEXT_LIMITS.columnComment} characters); product and port descriptions fit a Glue description (${GLUE_TEXT_LIMITS.description}).`,
  rationale:
    'Descriptions are written into the Glue catalogue so consumers see them in Athena and the console; Glue rejects longer text and the whole apply fails. Names are shortened by the model, prose cannot be.',
  *check({ mesh }): Iterable<Violation> {
    for (const p of mesh.products) {
      yield* tooLong(p.description, GLUE_TEXT_LIMITS.description, [...p.specPath, 'info', 'description'], `product ${p.id}: description`);
      for (const [i, port] of p.outputPorts.entries()) {
        yield* tooLong(
          port.description,
          GLUE_TEXT_LIMITS.description,
          [...p.specPath, 'outputPorts', i, 'description'],
          `product ${p.id}: port ${port.name}: description`,
        );
        for (const c of port.columns) {
          yield* tooLong(
            c.description,
            GLUE_TEXT_LIMITS.columnComment,
            [...c.specPath, 'description'],
            `product ${p.id}: port ${port.name}: column ${c.name}: description`,
          );
        }
      }
    }
  },
};

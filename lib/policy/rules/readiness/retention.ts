import type { PolicyRule, Violation } from '../../rule';

/** ISO 8601 duration with at least one non-zero part, e.g. `P7Y`, `P90D`, `P1Y6M`. */
const DURATION = /^P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Data kept without a retention period is kept forever, which privacy law rarely allows. */
export const retention: PolicyRule = {
  id: 'readiness/retention',
  severity: 'error',
  description: 'Every product declares a retention period as a non-zero ISO 8601 duration (`policies.retention`).',
  rationale:
    'Storage limitation (GDPR art. 5) and most records policies require a defined retention for every dataset; lifecycle rules and audits read it from the product, so it must be machine-readable.',
  *check({ mesh }): Iterable<Violation> {
    for (const p of mesh.products) {
      const value = p.policies.retention;
      if (value === undefined) {
        yield {
          path: [...p.specPath, 'policies'],
          message: `product ${p.id} declares no retention period`,
          fix: 'add `policies.retention` as an ISO 8601 duration, e.g. `P7Y` (7 years) or `P90D` (90 days)',
        };
        continue;
      }
      const m = DURATION.exec(value);
      if (m === null || m.slice(1).every((part) => part === undefined || Number(part) === 0)) {
        yield {
          path: [...p.specPath, 'policies', 'retention'],
          message: `product ${p.id}: retention \`${value}\` is not a non-zero ISO 8601 duration`,
          fix: 'write it as P<n>Y, P<n>M, P<n>W or P<n>D (upper case, no spaces), e.g. `P5Y`',
        };
      }
    }
  },
};

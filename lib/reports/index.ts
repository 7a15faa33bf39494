/**
 * Reports on access: what a change gains and loses (`diffAccess`), the promotion guard
 * (`checkPromotion`), who gains or loses access (`analyzeImpact`), the mesh as a Mermaid graph
 * (`meshGraph`), and their renderings for terminals and pull-request comments.
 *
 * @example
 * const access = readAccess('cdktf.out');
 * const check = checkPromotion(access, 'dev', 'prod');
 * if (!check.ok) console.log(renderPromotion(check, 'md'));
 */
export { diffAccess, subjectOf } from './access-diff';
export type { AccessChange, AccessDiff, AccessState, AccessSubject, Delta, DiffOptions, MemberChange } from './access-diff';
export { portableNames } from './access-identity';
export type { PortableNames } from './access-identity';
export { describeGains, describeLosses, describeState } from './describe-change';
export { REPORT_FORMATS, formatHeading, formatTable } from './format-table';
export type { ReportFormat, TableLayout } from './format-table';
export { analyzeImpact } from './impact';
export type { ImpactReport, PersonChange, PersonImpact, UnresolvedPrincipal } from './impact';
export { nameMembers } from './member-names';
export { MERMAID_MAX_TEXT_SIZE, meshGraph } from './mesh-graph';
export type { GraphFilter } from './mesh-graph';
export { checkPromotion } from './promote-check';
export type { PromotionCheck, PromotionViolation } from './promote-check';
export { renderDiff } from './render-diff';
export { renderImpact } from './render-impact';
export { renderPromotion } from './render-promotion';

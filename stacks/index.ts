/**
 * meshgrant stacks: one Terraform stack per environment from a mesh, and synthesis of a whole
 * mesh (serially or in worker threads) with a summary of what each stack holds.
 *
 * Every name is listed on purpose (docs/decisions.md, "A deliberate public API").
 *
 * @packageDocumentation
 */
export { EnvironmentStack } from './environment-stack';
export type { EnvironmentStackProps } from './environment-stack';
export { formatSummary, stackName, synthesizeMesh } from './synthesize';
export type { EnvironmentSummary, SynthesisSummary, SynthesizeOptions } from './synthesize';
export { synthesizeMeshParallel } from './synthesize-parallel';
export type { ParallelSynthesizeOptions } from './synthesize-parallel';

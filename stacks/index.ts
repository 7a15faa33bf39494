/**
 * meshgrant stacks: one Terraform stack per environment from a mesh, or a foundation and a stack
 * per domain, and synthesis of a whole mesh (serially or in worker threads) with a summary of
 * what each stack holds.
 *
 * Every name is listed on purpose (docs/decisions.md, "A deliberate public API").
 *
 * @packageDocumentation
 */
export { DomainStack, EnvironmentStack, FoundationStack, domainStackName } from './environment-stack';
export type { DomainStackProps, EnvironmentDeployment, EnvironmentStackProps } from './environment-stack';
export { formatSummary, stackName, synthesizeMesh } from './synthesize';
export type { EnvironmentSummary, StackPart, SynthesisSummary, SynthesizeOptions } from './synthesize';
export { synthesizeMeshParallel } from './synthesize-parallel';
export type { ParallelSynthesizeOptions } from './synthesize-parallel';

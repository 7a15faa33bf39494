/**
 * The one place that imports the cdktf core. cdktf was archived by HashiCorp on 2025-12-10; its
 * community fork is CDK Terrain (`cdktn`). Moving to it should mean editing this file and
 * `aws.ts`, nothing else.
 */
export { Annotations, App, DefaultTokenResolver, Lazy, LazyBase, Manifest, S3Backend, StringConcat, TerraformElement, TerraformResource, TerraformStack, Testing, Tokenization, dependable } from 'cdktf';
export type { IResolvable, IResolveContext, ITerraformDependable, StackManifest } from 'cdktf';
export { Construct } from 'constructs';
export type { IConstruct } from 'constructs';

let creationStackTracesOff = false;

/**
 * cdktf records a full stack trace for every token it creates, which is most of synthesis time
 * (see docs/performance.md). Nothing we ship reads those traces, so we switch the capture off.
 * Output is byte-identical. Idempotent; call before building an App.
 */
export function disableCreationStackTraces(): void {
  if (creationStackTracesOff) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stackTrace = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: () => string[] };
  stackTrace.captureStackTrace = () => [];
  creationStackTracesOff = true;
}

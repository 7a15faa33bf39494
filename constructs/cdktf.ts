/**
 * The one place that loads the CDK for Terraform core: CDK Terrain (`cdktn`) by default, cdktf 0.21
 * for apps that have not moved (`cdk-flavour.ts` says which and why it is chosen at run time). The
 * types are cdktn's; cdktf 0.21 has the same API under the same names.
 */
import type * as Cdk from 'cdktn';
import { selectCdkFlavour } from './cdk-flavour';

/** The CDK library this process synthesizes with, chosen once when meshgrant's constructs load. */
export const cdkFlavour = selectCdkFlavour();

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdk = require(cdkFlavour.core) as typeof Cdk;

export const {
  Annotations,
  App,
  DefaultTokenResolver,
  Lazy,
  LazyBase,
  Manifest,
  S3Backend,
  StringConcat,
  TerraformElement,
  TerraformLocal,
  TerraformResource,
  TerraformStack,
  Testing,
  Tokenization,
  dependable,
} = cdk;
export type Annotations = Cdk.Annotations;
export type App = Cdk.App;
export type DefaultTokenResolver = Cdk.DefaultTokenResolver;
export type Lazy = Cdk.Lazy;
export type LazyBase = Cdk.LazyBase;
export type Manifest = Cdk.Manifest;
export type S3Backend = Cdk.S3Backend;
export type StringConcat = Cdk.StringConcat;
export type TerraformElement = Cdk.TerraformElement;
export type TerraformLocal = Cdk.TerraformLocal;
export type TerraformResource = Cdk.TerraformResource;
export type TerraformStack = Cdk.TerraformStack;
export type Testing = Cdk.Testing;
export type Tokenization = Cdk.Tokenization;
export type { IResolvable, IResolveContext, ITerraformDependable, StackManifest } from 'cdktn';
export { Construct } from 'constructs';
export type { IConstruct } from 'constructs';

let creationStackTracesOff = false;

/**
 * The CDK records a full stack trace for every token it creates, which is most of synthesis time
 * (see docs/performance.md). Nothing we ship reads those traces, so we switch the capture off.
 * Output is byte-identical. Idempotent; call before building an App.
 */
export function disableCreationStackTraces(): void {
  if (creationStackTracesOff) return;
  if (cdkFlavour.core === 'cdktn') {
    // cdktn's own switch, read at every capture.
    process.env.CDKTN_DISABLE_CREATION_STACK = '1';
  } else {
    // cdktf has no switch: its token classes call this module's export, which we replace.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const stackTrace = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: () => string[] };
    stackTrace.captureStackTrace = () => [];
  }
  creationStackTracesOff = true;
}

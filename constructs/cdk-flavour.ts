/**
 * Which CDK for Terraform library meshgrant's constructs are built on: CDK Terrain (`cdktn`, the
 * maintained fork, the default) or cdktf 0.21 (archived by HashiCorp on 2025-12-10), each with its
 * own prebuilt AWS provider bindings. A construct of one library inside a stack of the other does
 * not synthesize (each library keeps its own token registry), so meshgrant must load the very
 * library the user's app loads: the one installed next to meshgrant (cdktn first), or the one
 * `MESHGRANT_CDK` names. This file loads neither library: commands that do not synthesize can
 * import it.
 */
/** The name of a CDK for Terraform library and of its flavour. */
export type CdkFlavourName = 'cdktn' | 'cdktf';

/** A CDK for Terraform library and the AWS provider bindings generated for it. */
export interface CdkFlavour {
  /** The core package, e.g. `cdktn`. */
  readonly core: CdkFlavourName;
  /** The package of its prebuilt AWS provider bindings, e.g. `@cdktn/provider-aws`. */
  readonly awsProvider: string;
}

/** In order of preference when both are installed. */
const FLAVOURS: readonly CdkFlavour[] = [
  { core: 'cdktn', awsProvider: '@cdktn/provider-aws' },
  { core: 'cdktf', awsProvider: '@cdktf/provider-aws' },
];

/** The environment variable that picks a flavour when both are installed: `cdktn` or `cdktf`. */
export const CDK_FLAVOUR_VARIABLE = 'MESHGRANT_CDK';

/** No usable CDK library is installed, or `MESHGRANT_CDK` names one that is not. */
export class CdkFlavourError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CdkFlavourError';
  }
}

/** A flavour is usable when both its packages resolve from here, as meshgrant's own `require` will. */
function installed(flavour: CdkFlavour): boolean {
  return [flavour.core, flavour.awsProvider].every((id) => {
    try {
      require.resolve(`${id}/package.json`);
      return true;
    } catch {
      return false;
    }
  });
}

function installHint(flavour: CdkFlavour): string {
  return `npm install ${flavour.core} ${flavour.awsProvider} constructs`;
}

/**
 * The flavour to load: the one `MESHGRANT_CDK` names, else cdktn if it and its provider are
 * installed, else cdktf. Throws a {@link CdkFlavourError} that says what to install.
 */
export function selectCdkFlavour(env: NodeJS.ProcessEnv = process.env): CdkFlavour {
  const wanted = env[CDK_FLAVOUR_VARIABLE];
  if (wanted !== undefined && wanted !== '') {
    const flavour = FLAVOURS.find((f) => f.core === wanted);
    if (!flavour) {
      throw new CdkFlavourError(
        `${CDK_FLAVOUR_VARIABLE} must be ${FLAVOURS.map((f) => f.core).join(' or ')}, not ${JSON.stringify(wanted)}`,
      );
    }
    if (!installed(flavour)) {
      throw new CdkFlavourError(
        `${CDK_FLAVOUR_VARIABLE}=${wanted}, but ${flavour.core} or ${flavour.awsProvider} is not installed: ${installHint(flavour)}`,
      );
    }
    return flavour;
  }
  const flavour = FLAVOURS.find(installed);
  if (!flavour) {
    throw new CdkFlavourError(
      `synthesis needs CDK Terrain or cdktf with its AWS provider, and neither is installed: ${installHint(FLAVOURS[0])} (or: ${installHint(FLAVOURS[1])})`,
    );
  }
  return flavour;
}

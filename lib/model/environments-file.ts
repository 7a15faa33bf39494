/**
 * The file of a mesh directory that declares the environments (in lib/spec's table of files):
 * messages about an environment's settings name it, since that is where people fix them.
 */
export const ENVIRONMENTS_FILE = 'environments.yaml';

/** Names in a list for a message: `dev`, `dev and prod`, `dev, staging and prod`. */
export function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Where an environment's setting is fixed: `identity.groups of environment dev in environments.yaml`. */
export function environmentSetting(setting: string, environments: readonly string[]): string {
  const which = `environment${environments.length === 1 ? '' : 's'} ${joinNames(environments)}`;
  return `${setting} of ${which} in ${ENVIRONMENTS_FILE}`;
}

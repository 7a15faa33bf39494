/** Directory snapshots (SCIM 2.0 exports or YAML) and who in them can become which principal. */
export type { DirectoryPerson, DirectorySnapshot } from './directory';
export { DirectoryError } from './errors';
export { loadDirectory, loadDirectorySources } from './load-directory';
export type { DirectoryLoadOptions, DirectorySource } from './load-directory';
export { SCIM } from './scim';
export { whoCanBecome } from './who-can-become';
export type { Admission, PrincipalPeople } from './who-can-become';
export type { IdentityMapping } from './directory-trust';

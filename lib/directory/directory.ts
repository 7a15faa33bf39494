/** A person of the directory, as the identity provider knows them. */
export interface DirectoryPerson {
  /** Directory user name (SCIM `userName`), the name mesh specs and identity mappings use. */
  readonly name: string;
  /** Names of the groups the person belongs to, directly or through nested groups; sorted. */
  readonly groups: readonly string[];
  /** Attributes carried as session tags (`department`, `country`, ...), by name. */
  readonly attributes: Readonly<Record<string, string>>;
}

/** Everyone in the directory at one moment: the input that resolves members to people. */
export interface DirectorySnapshot {
  /** Sorted by name, one entry per person. */
  readonly people: readonly DirectoryPerson[];
}

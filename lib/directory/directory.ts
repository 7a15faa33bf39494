/** A person of the directory, as the identity provider knows them. */
export interface DirectoryPerson {
  /** Directory user name (SCIM `userName`), the name mesh specs and identity mappings use. */
  readonly name: string;
  /** Names of the groups the person belongs to, directly or through nested groups; sorted. */
  readonly groups: readonly string[];
  /**
   * Attributes (`department`, `country`, ...) by name: the values the person holds, sorted, at
   * least one. Several for a multi-valued attribute (`country: [DE, FR]`).
   */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
}

/** Everyone in the directory at one moment: the input that resolves members to people. */
export interface DirectorySnapshot {
  /** Sorted by name, one entry per person. */
  readonly people: readonly DirectoryPerson[];
}

/**
 * The kinds of problem a mesh can have before any policy rule runs, as stable ids for code
 * scanning (SARIF `ruleId`), in the order loading meets them.
 */
export const SPEC_PROBLEM_KINDS = {
  /** The directory is not a mesh: missing, not a directory, no mesh.yaml. */
  load: 'spec/load',
  /** A file that cannot be read, has no place in a mesh, or is missing. */
  file: 'spec/file',
  /** YAML that does not parse (a tab, a bad indentation, a duplicate key). */
  yaml: 'spec/yaml',
  /** A field of the wrong type or name, against the JSON Schema. */
  schema: 'spec/schema',
  /** Names, references and consistency, as the model checks them. */
  model: 'spec/model',
} as const;

/** Federated governance: rule packs checked against a mesh before anything is synthesized. */
export * from './check-policies';
export * from './format-finding';
export * from './meta-rules';
export * from './packs';
export * from './rule';
export * from './rule-context';
export * from './suppressions';
export * from './report';
export * from './docs';
export * from './rule-modules';

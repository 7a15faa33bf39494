export * from './environment';
export * from './iam-actions';
export * from './lf-tag-ontology';
export * from './limits';
export * from './names';
export * from './permissions';
export * from './trust-policy';

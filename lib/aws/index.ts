export * from './lf-tag-ontology';
export * from './trust-policy';
export * from './iam-actions';

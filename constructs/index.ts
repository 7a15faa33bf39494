export * from './data-product';
export * from './lake-foundation';
export * from './lake-principal';
export * from '../lib/aws/lf-tag-ontology';
export * from './output-port';
export * from './product-role';
export * from './purpose-binding';
export * from './purpose-role';

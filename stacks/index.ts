export * from './environment-stack';
export * from './synthesize';
export * from './synthesize-parallel';

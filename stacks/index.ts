export * from './environment-stack';
export * from './synthesize';

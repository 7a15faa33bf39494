/** meshgrant core: the mesh model, usable without synthesizing anything. */
export * from './model';
export * from './plan';
export * from './aws';
export * from './spec';
export * from './directory';
export * from './readback';
export * from './policy';
export * from './reports';

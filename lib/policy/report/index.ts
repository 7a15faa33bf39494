export * from './json';
export * from './markdown';
export * from './sarif';
export * from './text';

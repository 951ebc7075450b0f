export * from './types';
export * from './manifestPolicy';

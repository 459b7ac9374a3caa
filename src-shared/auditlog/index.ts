export * from './entry';
export * from './chain';

export * from './document';
export * from './hash';
export * from './minhash';
export * from './normalize';
export * from './passages';
export * from './precheck';

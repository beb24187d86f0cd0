export * from './build.ts';
export * from './format.ts';
export * from './sealed-body.ts';
export * from './tar.ts';
export * from './verify.ts';

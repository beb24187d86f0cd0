export * from './disclosure.ts';
export * from './early-warning.ts';
export * from './merge.ts';
export * from './publish.ts';

export * from './disclosure.ts';
export * from './early-warning.ts';
export * from './merge.ts';
export * from './prevention-signal.ts';
export * from './publish.ts';

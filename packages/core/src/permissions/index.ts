export * from './permissions.ts';
export * from './status-change.ts';

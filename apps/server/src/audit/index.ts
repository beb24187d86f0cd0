export * from './append-audit.ts';

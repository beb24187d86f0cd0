export * from './append-audit.ts';
export * from './verify-stored-chain.ts';

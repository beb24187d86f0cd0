export * from './append-audit.ts';
export * from './checkpoints.ts';
export * from './verify-stored-chain.ts';

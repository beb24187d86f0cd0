export * from './audit-chain.ts';
export * from './canonical-json.ts';
export * from './checkpoint.ts';

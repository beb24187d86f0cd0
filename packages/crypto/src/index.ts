// The public API of @vangnet/crypto. Browser-safe (no node: imports) and free of module-level work,
// because the reporter app loads it lazily.
export * from './build-list.ts';
export * from './canonical-json.ts';
export * from './countersign.ts';
export * from './encoding.ts';
export * from './errors.ts';
export * from './hash.ts';
export * from './helpline-keyring.ts';
export * from './keys.ts';
export * from './receipt.ts';
export * from './recipient-list.ts';
export * from './seal.ts';
export type * from './types.ts';
export * from './vault.ts';
export * from './worker-keys.ts';

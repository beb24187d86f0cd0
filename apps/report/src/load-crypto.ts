export type CryptoChunk = typeof import('./crypto.ts');

let chunk: Promise<CryptoChunk> | null = null;

/** The crypto chunk, fetched once, on first need (adding evidence, sending, following up). */
export function loadCrypto(): Promise<CryptoChunk> {
  chunk ??= import('./crypto.ts');
  return chunk;
}

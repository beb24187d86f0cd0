/**
 * age's X25519 goes through WebCrypto, which browsers only offer in a secure context (https or
 * localhost). Over plain http typage would fail deep inside with "Cannot read properties of
 * undefined"; this says what is wrong instead. Passphrase mode (vault, wrapped keys) needs no WebCrypto.
 */
export function requireWebCrypto(): void {
  if (globalThis.crypto?.subtle === undefined) {
    throw new Error('Sealing needs a secure context: serve the app over https or from localhost.');
  }
}

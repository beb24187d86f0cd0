/**
 * @vangnet/crypto (age, scrypt, Ed25519) is loaded only when a worker signs in, so the sign-in page
 * paints before the crypto code has arrived.
 */
export type Crypto = typeof import('@vangnet/crypto');

let loading: Promise<Crypto> | null = null;
export function loadCrypto(): Promise<Crypto> {
  loading ??= import('@vangnet/crypto');
  return loading;
}

/**
 * The crypto chunk: only what the reporter app uses from @vangnet/crypto, imported per module so the
 * bundler leaves the rest (staff keys, countersigning) out. Always loaded with `import()`, never from
 * the first screen.
 */
export { fromBase64, toBase64 } from '@vangnet/crypto/encoding';
export { sha256Hex } from '@vangnet/crypto/hash';
export { generateIdentity } from '@vangnet/crypto/keys';
export {
  accessTokenHash,
  deriveReporterKeys,
  formatReceiptCode,
  generateReceiptCode,
  parseReceiptCode,
} from '@vangnet/crypto/receipt';
export { acceptAnchors, verifyRecipientList } from '@vangnet/crypto/recipient-list';
export { open, openJson, sealJson } from '@vangnet/crypto/seal';
// Large items (photos, videos) seal through WebAssembly ChaCha20-Poly1305; same age files, ~8× faster.
export { sealFast as seal } from '@vangnet/crypto/seal-wasm';
export type { AgeIdentity, AgeRecipient, ReceiptCode, Sealed } from '@vangnet/crypto/types';

// The package's entry in Node (the "node" export condition): the same API as ../index.ts, with sealing
// done by Node's native ChaCha20-Poly1305. Explicit exports take precedence over the star export.
export * from '../index.ts';
export { seal, sealJson, sealStream } from './seal.ts';

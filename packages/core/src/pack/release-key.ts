import { z } from 'zod/mini';

/**
 * The public half of the demo release key that signs app builds made without a release key of their
 * own (`npm start`, tests; scripts/build-list-plugin.ts). Its private half is public too
 * (scripts/demo-release-key.ts), so anyone could sign a build it accepts: `pack check` warns wherever a
 * pack still names it. A helpline makes its own with `vangnet sign-build --new-key` and keeps the
 * private half off the server.
 */
export const DEMO_RELEASE_PUBLIC_KEY = '112a8508b128080cd33ff5f573960ef5292303546ac35fb5d540afd3bcedb234';

/** pack.yaml `releaseKey`: the Ed25519 public key (hex) that signs this helpline's app builds. */
export const releaseKeySchema = z
  .string()
  .check(z.regex(/^[0-9a-f]{64}$/, 'an Ed25519 public key, 64 hex digits'));

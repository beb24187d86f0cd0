import { Decrypter, Encrypter } from 'age-encryption';
import { fromUtf8, utf8 } from './encoding.ts';
import { OpenError } from './errors.ts';
import { asIdentity, asRecipient } from './keys.ts';
import { requireWebCrypto } from './secure-context.ts';
import type { AgeIdentity, AgeRecipient, Sealed } from './types.ts';

export { OpenError } from './errors.ts';

/** An age Encrypter for these X25519 recipients; seal-wasm.ts builds its header with it too. */
export function encrypterFor(recipients: readonly AgeRecipient[]): Encrypter {
  if (recipients.length === 0) throw new TypeError('Sealing needs at least one recipient.');
  requireWebCrypto();
  const encrypter = new Encrypter();
  // Only X25519 recipients: every sealed item must open with the standard age CLI.
  for (const recipient of recipients) encrypter.addRecipient(asRecipient(recipient));
  return encrypter;
}

function decrypterFor(identities: readonly AgeIdentity[]): Decrypter {
  if (identities.length === 0) throw new TypeError('Opening needs at least one identity.');
  requireWebCrypto();
  const decrypter = new Decrypter();
  // asIdentity first: a malformed key must not reach a decoder whose error message would quote it.
  for (const identity of identities) decrypter.addIdentity(asIdentity(identity));
  return decrypter;
}

/** Seals bytes in the age format so that each recipient (and nobody else) can open them. */
export async function seal<T = Uint8Array>(
  bytes: Uint8Array,
  recipients: readonly AgeRecipient[],
): Promise<Sealed<T>> {
  return (await encrypterFor(recipients).encrypt(bytes)) as Sealed<T>;
}

/** Opens sealed bytes with any of the identities; throws `OpenError` if none fits or a byte was changed. */
export async function open(
  sealed: Sealed<unknown> | Uint8Array,
  identities: readonly AgeIdentity[],
): Promise<Uint8Array> {
  const decrypter = decrypterFor(identities);
  try {
    return await decrypter.decrypt(sealed);
  } catch (cause) {
    throw new OpenError({ cause });
  }
}

/** Seals a JSON value (UTF-8 JSON text inside the age file). */
export async function sealJson<T>(value: T, recipients: readonly AgeRecipient[]): Promise<Sealed<T>> {
  return seal<T>(utf8(JSON.stringify(value)), recipients);
}

/**
 * Opens a sealed JSON value. Whoever sealed it may not be trusted (a reporter's device can seal
 * anything), so pass `validate` (for example a zod schema's `parse`) to check the shape; without it the
 * result is only as sound as the sealer.
 */
export async function openJson<T>(
  sealed: Sealed<T>,
  identities: readonly AgeIdentity[],
  validate?: (value: unknown) => T,
): Promise<T> {
  const bytes = await open(sealed, identities);
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(bytes));
  } catch (cause) {
    // Authentic bytes that are not JSON: treat like any other unusable sealed item.
    throw new OpenError({ cause });
  }
  return validate ? validate(value) : (value as T);
}

/**
 * Seals a stream chunk by chunk (age STREAM, 64 KiB chunks), so a large evidence item is never held in
 * memory whole. The result is one age file, the same as `seal` would make from the whole input.
 */
export async function sealStream(
  stream: ReadableStream<Uint8Array>,
  recipients: readonly AgeRecipient[],
): Promise<ReadableStream<Uint8Array>> {
  return encrypterFor(recipients).encrypt(stream);
}

/**
 * Opens a sealed stream chunk by chunk. The header is checked before this resolves (wrong key →
 * `OpenError`); a changed byte later in the file makes the stream error with `OpenError` at that chunk,
 * before the changed chunk's plaintext is handed out.
 */
export async function openStream(
  sealed: ReadableStream<Uint8Array>,
  identities: readonly AgeIdentity[],
): Promise<ReadableStream<Uint8Array>> {
  const decrypter = decrypterFor(identities);
  let plain: ReadableStream<Uint8Array>;
  try {
    plain = await decrypter.decrypt(sealed);
  } catch (cause) {
    throw new OpenError({ cause });
  }
  const reader = plain.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (cause) {
        controller.error(new OpenError({ cause }));
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

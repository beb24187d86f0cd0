/** A nominal type, so an identity string will not fit where a recipient is expected. */
export type Brand<T, Name extends string> = T & { readonly __brand: Name };

/**
 * Age ciphertext whose plaintext is a `T`. Only `@vangnet/crypto` makes and opens these, so a column
 * or field typed `Sealed<ReportBody>` cannot be filled with clear bytes by mistake.
 */
export type Sealed<T> = Brand<Uint8Array, 'Sealed'> & { readonly __of?: T };

/** An age X25519 secret key, `AGE-SECRET-KEY-1…` (upper case). Never log it. */
export type AgeIdentity = Brand<string, 'AgeIdentity'>;

/** An age X25519 public key, `age1…` (lower case). */
export type AgeRecipient = Brand<string, 'AgeRecipient'>;

/** A normalised receipt code: 21 ASCII digits, the last one a Damm check digit, no separators. */
export type ReceiptCode = Brand<string, 'ReceiptCode'>;

/** The reporter's follow-up credential derived from the receipt code: 64 lower-case hex characters. */
export type AccessToken = Brand<string, 'AccessToken'>;

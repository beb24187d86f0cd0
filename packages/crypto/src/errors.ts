/**
 * Thrown when sealed bytes do not open: no key fits, or a byte was changed. The message is fixed and
 * says nothing about the content or the keys, so it is safe to log.
 */
export class OpenError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('The sealed data could not be opened with the given keys, or it was changed.', options);
    this.name = 'OpenError';
  }
}

/** Thrown when the on-device evidence vault does not open with the PIN that was typed. */
export class WrongPinError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('The PIN does not open this vault.', options);
    this.name = 'WrongPinError';
  }
}

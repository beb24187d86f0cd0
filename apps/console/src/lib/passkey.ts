import type {
  AuthenticationExtensionsClientOutputs,
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import type { AgeIdentity } from '@vangnet/crypto';
import { ApiError, postJson } from './api.ts';
import { loadCrypto } from './crypto.ts';
import type { Worker } from './types.ts';

/**
 * The browser half of passkeys. The PRF output (when the authenticator has the PRF extension) is the
 * secret that unwraps the helpline identity, so it is taken out of every answer before the answer is
 * sent: the server gets signatures, never the PRF output (docs/threat-model.md, "Passkeys").
 */

export type PasskeyView = {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  unlocksKeys: boolean;
};

export type PasskeySignIn = {
  worker: Worker;
  kdfSalt: string;
  wrappedHelplineKey: string | null;
  passkeyWrappedKey: string | null;
};

/**
 * Whether passkeys can work here: the browser has WebAuthn, and the console was opened on a host
 * name (a passkey belongs to a domain; browsers refuse an IP address such as 127.0.0.1 as its owner).
 */
export function passkeysSupported(): boolean {
  if (typeof window === 'undefined' || typeof window.PublicKeyCredential !== 'function') return false;
  const host = location.hostname;
  return !/^\d+\.\d+\.\d+\.\d+$/.test(host) && !host.startsWith('[');
}

function bytesOf(value: ArrayBuffer | ArrayBufferView | undefined): Uint8Array | null {
  if (!value) return null;
  return value instanceof ArrayBuffer
    ? new Uint8Array(value)
    : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

type WithExtensions = { clientExtensionResults: AuthenticationExtensionsClientOutputs };

/** Takes the PRF result out of an answer (so it is never sent) and returns it. */
function takePrf(response: WithExtensions) {
  const prf = bytesOf(response.clientExtensionResults.prf?.results?.first);
  delete response.clientExtensionResults.prf;
  return prf ? prf.slice() : null;
}

/** Only the extension results the server knows (credProps); anything else stays in the browser. */
function onlyCredProps<T extends WithExtensions>(response: T): T {
  const { credProps } = response.clientExtensionResults;
  return { ...response, clientExtensionResults: credProps ? { credProps } : {} };
}

async function prfInput(): Promise<Uint8Array<ArrayBuffer>> {
  const { PASSKEY_PRF_INPUT } = await loadCrypto();
  return new Uint8Array(PASSKEY_PRF_INPUT);
}

/**
 * Signs in with a discoverable passkey (no e-mail typed). Returns the server's answer and, when the
 * authenticator has PRF, the PRF output to unwrap the helpline identity with.
 */
export async function signInWithPasskey(): Promise<{
  answer: PasskeySignIn;
  prf: Uint8Array | null;
  passkeyId: string;
}> {
  const { startAuthentication } = await import('@simplewebauthn/browser');
  const { challengeId, options } = await postJson<{
    challengeId: string;
    options: PublicKeyCredentialRequestOptionsJSON;
  }>('/staff/passkey-login/options', {});
  const response: AuthenticationResponseJSON = await startAuthentication({
    optionsJSON: { ...options, extensions: { prf: { eval: { first: await prfInput() } } } },
  });
  const prf = takePrf(response);
  try {
    const answer = await postJson<PasskeySignIn>('/staff/passkey-login', {
      challengeId,
      response: onlyCredProps(response),
    });
    return { answer, prf, passkeyId: response.id };
  } catch (error) {
    prf?.fill(0);
    throw error;
  }
}

/**
 * The PRF output for a passkey just made. Some authenticators answer PRF already when the passkey is
 * made; others only say it is enabled, and then one more (local) use of the passkey gives it. That use
 * is not sent anywhere, so its challenge is a random one made here.
 */
async function prfAfterCreate(response: RegistrationResponseJSON): Promise<Uint8Array | null> {
  const prf = response.clientExtensionResults.prf;
  const first = takePrf(response);
  if (first) return first;
  if (!prf?.enabled) return null;
  const { base64URLStringToBuffer } = await import('@simplewebauthn/browser');
  const credential = (await navigator.credentials.get({
    publicKey: {
      challenge: crypto.getRandomValues(new Uint8Array(32)),
      allowCredentials: [{ type: 'public-key', id: base64URLStringToBuffer(response.rawId) }],
      userVerification: 'required',
      extensions: { prf: { eval: { first: await prfInput() } } },
    },
  })) as PublicKeyCredential | null;
  const results = credential?.getClientExtensionResults() as
    | AuthenticationExtensionsClientOutputs
    | undefined;
  const out = bytesOf(results?.prf?.results?.first);
  return out ? out.slice() : null;
}

/**
 * Unlocks after an inactivity lock with the passkey that signed in: a local use of it (random
 * challenge, nothing sent to the server) gives the PRF output again.
 */
export async function unlockWithPasskey(passkeyId: string, wrapped: string): Promise<string[] | null> {
  const { base64URLStringToBuffer } = await import('@simplewebauthn/browser');
  const credential = (await navigator.credentials.get({
    publicKey: {
      challenge: crypto.getRandomValues(new Uint8Array(32)),
      allowCredentials: [{ type: 'public-key', id: base64URLStringToBuffer(passkeyId) }],
      userVerification: 'required',
      extensions: { prf: { eval: { first: await prfInput() } } },
    },
  })) as PublicKeyCredential | null;
  const results = credential?.getClientExtensionResults() as
    | AuthenticationExtensionsClientOutputs
    | undefined;
  const prf = bytesOf(results?.prf?.results?.first);
  return prf ? unwrapWithPrf(wrapped, prf.slice()) : null;
}

/**
 * Adds a passkey for the signed-in worker. With PRF, the helpline identity (in memory, the console is
 * unlocked) is wrapped under the passkey's key here and only the wrapped copy is sent.
 */
export async function addPasskey(name: string, keyring: readonly string[]): Promise<PasskeyView> {
  const { startRegistration } = await import('@simplewebauthn/browser');
  const { challengeId, options } = await postJson<{
    challengeId: string;
    options: PublicKeyCredentialCreationOptionsJSON;
  }>('/staff/passkeys/options', {});
  const response = await startRegistration({
    optionsJSON: { ...options, extensions: { credProps: true, prf: { eval: { first: await prfInput() } } } },
  });
  let wrappedHelplineKey: string | null = null;
  const prf = await prfAfterCreate(response);
  if (prf) {
    const c = await loadCrypto();
    const key = c.passkeyUnwrapKey(prf);
    prf.fill(0);
    // The worker's keyring, as their password's copy holds it (grants open with its personal key).
    wrappedHelplineKey = c.toBase64(await c.wrapKeyring(keyring as AgeIdentity[], key));
    key.fill(0);
  }
  const { passkey } = await postJson<{ passkey: PasskeyView }>('/staff/passkeys', {
    challengeId,
    response: onlyCredProps(response),
    name,
    wrappedHelplineKey,
  });
  return passkey;
}

/** Unwraps the helpline identity with a passkey's PRF output; null when it does not open. */
export async function unwrapWithPrf(wrapped: string, prf: Uint8Array): Promise<string[] | null> {
  const c = await loadCrypto();
  const key = c.passkeyUnwrapKey(prf);
  try {
    return await c.unwrapKeyring(c.fromBase64(wrapped), key);
  } catch {
    return null;
  } finally {
    key.fill(0);
    prf.fill(0);
  }
}

/** The text code for a failure: the server's problem code, or "try again" when WebAuthn was refused. */
export function passkeyErrorCode(error: unknown): string {
  if (error instanceof ApiError) return error.code;
  // The person cancelled, no authenticator answered, or it timed out (simplewebauthn keeps the name).
  if (
    error instanceof Error &&
    /NotAllowed|Abort|ERROR_CEREMONY_ABORTED/.test(`${error.name} ${(error as { code?: string }).code ?? ''}`)
  ) {
    return 'passkey.cancelled';
  }
  return 'general';
}

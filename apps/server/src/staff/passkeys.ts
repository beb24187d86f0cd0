import { createHash, randomUUID } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  AuthenticatorTransport,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { and, asc, count, eq, gt, lt } from 'drizzle-orm';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/open-database.ts';
import { helplines, type PasskeyRow, passkeys, webauthnChallenges, workers } from '../db/schema/index.ts';
import type { WorkerView } from './workers.ts';

/**
 * Passkeys (WebAuthn) for staff. A passkey replaces password + TOTP as the sign-in factor; it does
 * not replace the password as the key that unwraps the helpline identity, because a WebAuthn
 * signature cannot derive a key. When the authenticator has the PRF extension, the browser derives a
 * second unwrap key from the PRF output and the server keeps the identity wrapped under it too
 * (`passkeys.wrapped_helpline_key`, opaque to the server). Otherwise the worker types the password
 * after a passkey sign-in to unlock the keys (docs/threat-model.md, "Passkeys").
 */

/** Where the browser runs the ceremony: the relying party id (host name) and the page's origin. */
export type RelyingParty = { id: string; origins: string[]; name: string };

const CHALLENGE_TTL_MS = 5 * 60_000;
/** A worker keeps at most this many passkeys (a phone, a laptop, a spare key or two). */
export const MAX_PASSKEYS = 10;

export type Purpose = 'register' | 'authenticate';

async function storeChallenge(
  db: Db,
  purpose: Purpose,
  challenge: string,
  workerId: string | null,
  now: Date,
) {
  // Expired challenges of the past are swept as new ones are made; the table stays small.
  await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now));
  const id = randomUUID();
  await db.insert(webauthnChallenges).values({
    id,
    purpose,
    challenge,
    workerId,
    expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
  });
  return id;
}

/**
 * Takes a challenge out of the table: it can be used once. Two requests racing with the same one:
 * only one gets the deleted row. Null when unknown, used, expired or of another purpose or worker.
 */
async function takeChallenge(
  db: Db,
  id: string,
  purpose: Purpose,
  workerId: string | null,
  now: Date,
): Promise<string | null> {
  const [row] = await db
    .delete(webauthnChallenges)
    .where(and(eq(webauthnChallenges.id, id), gt(webauthnChallenges.expiresAt, now)))
    .returning();
  if (!row || row.purpose !== purpose || row.workerId !== workerId) return null;
  return row.challenge;
}

export async function listPasskeys(db: Db, workerId: string): Promise<PasskeyRow[]> {
  return db.select().from(passkeys).where(eq(passkeys.workerId, workerId)).orderBy(asc(passkeys.createdAt));
}

export async function passkeyCount(db: Db, workerId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(passkeys).where(eq(passkeys.workerId, workerId));
  return Number(row?.n ?? 0);
}

/** Whether an administrator requires this worker to sign in with a passkey (per worker or helpline). */
export async function passkeyRequired(db: Db, workerId: string): Promise<boolean> {
  const [row] = await db
    .select({ worker: workers.passkeyRequired, helpline: helplines.passkeysRequired })
    .from(workers)
    .innerJoin(helplines, eq(helplines.id, workers.helplineId))
    .where(eq(workers.id, workerId));
  return Boolean(row && (row.worker || row.helpline));
}

/** The user handle the authenticator stores: an opaque hash of the worker id, not the e-mail. */
function userHandleOf(workerId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash('sha256').update(`vangnet/passkey-user/v1\0${workerId}`).digest());
}

export async function registrationOptions(db: Db, rp: RelyingParty, worker: WorkerView, now = new Date()) {
  const existing = await listPasskeys(db, worker.id);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: worker.email,
    userID: userHandleOf(worker.id),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
    // A discoverable credential (sign-in without typing the e-mail) that checks the person (PIN or
    // biometrics): it stands in for both the password and the TOTP code.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  const challengeId = await storeChallenge(db, 'register', options.challenge, worker.id, now);
  // Spread to a plain object (the JSON answer), as the route's schema types it.
  return { challengeId, options: { ...options }, full: existing.length >= MAX_PASSKEYS };
}

export type RegistrationResult =
  | { passkey: PasskeyRow }
  | { refused: 'challenge' | 'invalid' | 'duplicate' | 'too-many' };

export async function finishRegistration(
  db: Db,
  rp: RelyingParty,
  worker: WorkerView,
  input: {
    challengeId: string;
    response: RegistrationResponseJSON;
    name: string;
    wrappedHelplineKey: Uint8Array | null;
  },
  now = new Date(),
): Promise<RegistrationResult> {
  const challenge = await takeChallenge(db, input.challengeId, 'register', worker.id, now);
  if (!challenge) return { refused: 'challenge' };
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
  } catch {
    return { refused: 'invalid' };
  }
  if (!verified.verified || !verified.registrationInfo) return { refused: 'invalid' };
  const { credential } = verified.registrationInfo;
  return db.transaction(async (tx) => {
    if ((await passkeyCount(tx as Db, worker.id)) >= MAX_PASSKEYS) return { refused: 'too-many' as const };
    const inserted = await tx
      .insert(passkeys)
      .values({
        id: credential.id,
        workerId: worker.id,
        publicKey: new Uint8Array(credential.publicKey),
        counter: credential.counter,
        transports: credential.transports ?? [],
        name: input.name,
        wrappedHelplineKey: input.wrappedHelplineKey,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    const passkey = inserted[0];
    if (!passkey) return { refused: 'duplicate' as const };
    await appendAudit(
      tx as Db,
      {
        actor: `worker:${worker.id}`,
        action: 'staff.passkey.add',
        detail: { passkeyId: passkey.id.slice(0, 100), unlocksKeys: input.wrappedHelplineKey !== null },
      },
      now,
    );
    return { passkey };
  });
}

export async function authenticationOptions(db: Db, rp: RelyingParty, now = new Date()) {
  // No allow-list: the passkey names its worker (a discoverable credential), so the e-mail is not
  // asked and the answer does not tell who has an account.
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: 'required' });
  const challengeId = await storeChallenge(db, 'authenticate', options.challenge, null, now);
  return { challengeId, options: { ...options } };
}

export type AuthenticationResult =
  | { worker: typeof workers.$inferSelect; passkey: PasskeyRow }
  | { refused: 'challenge' | 'unknown' | 'invalid' | 'counter' };

export async function finishAuthentication(
  db: Db,
  rp: RelyingParty,
  input: { challengeId: string; response: AuthenticationResponseJSON },
  now = new Date(),
): Promise<AuthenticationResult> {
  const challenge = await takeChallenge(db, input.challengeId, 'authenticate', null, now);
  if (!challenge) return { refused: 'challenge' };
  const [found] = await db
    .select({ passkey: passkeys, worker: workers })
    .from(passkeys)
    .innerJoin(workers, eq(workers.id, passkeys.workerId))
    .where(eq(passkeys.id, input.response.id));
  if (!found || found.worker.disabledAt) return { refused: 'unknown' };
  const { passkey, worker } = found;
  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verified = await verifyAuthenticationResponse({
      response: input.response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      credential: {
        id: passkey.id,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports as AuthenticatorTransport[],
      },
      requireUserVerification: true,
    });
  } catch (error) {
    // The library refuses a counter that did not go up: a sign of a cloned authenticator.
    if (error instanceof Error && /counter/i.test(error.message)) return { refused: 'counter' };
    return { refused: 'invalid' };
  }
  if (!verified.verified) return { refused: 'invalid' };
  // The user handle, when the authenticator gives one, must be this worker's.
  const handle = input.response.response.userHandle;
  if (handle && handle !== Buffer.from(userHandleOf(worker.id)).toString('base64url')) {
    return { refused: 'invalid' };
  }
  const { newCounter } = verified.authenticationInfo;
  // Compare-and-set: of two sign-ins racing with the same counter value, only one moves it.
  const updated = await db
    .update(passkeys)
    .set({ counter: newCounter, lastUsedAt: now })
    .where(and(eq(passkeys.id, passkey.id), eq(passkeys.counter, passkey.counter)))
    .returning();
  if (!updated[0]) return { refused: 'counter' };
  return { worker, passkey: updated[0] };
}

export async function removePasskey(
  db: Db,
  worker: WorkerView,
  passkeyId: string,
  now = new Date(),
): Promise<'removed' | 'not-found' | 'last-required'> {
  const required = await passkeyRequired(db, worker.id);
  return db.transaction(async (tx) => {
    const mine = await tx.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.workerId, worker.id));
    if (!mine.some((p) => p.id === passkeyId)) return 'not-found' as const;
    // Removing the last passkey while passkeys are required would lock the worker out.
    if (required && mine.length === 1) return 'last-required' as const;
    await tx.delete(passkeys).where(and(eq(passkeys.id, passkeyId), eq(passkeys.workerId, worker.id)));
    await appendAudit(
      tx as Db,
      {
        actor: `worker:${worker.id}`,
        action: 'staff.passkey.remove',
        detail: { passkeyId: passkeyId.slice(0, 100) },
      },
      now,
    );
    return 'removed' as const;
  });
}

import { createHmac } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { type WorkerRow, workers } from '../db/schema/index.ts';
import { UNMATCHABLE_AUTH_HASH, verifyAuthKey } from './auth-key-hash.ts';
import type { SignInFailure } from './sign-in-throttle.ts';
import { checkTotp } from './totp.ts';
import { openTotpSecret, type TotpKey, totpKeyFor } from './totp-at-rest.ts';
import { findWorkerByEmail, normaliseEmail } from './workers.ts';

/**
 * Sign-in in two requests, as the browser needs them: `prelogin` gives the salt to derive authKey
 * and unwrapKey from the password, `signIn` checks authKey and the TOTP code.
 */

/**
 * For an unknown e-mail, a salt that looks like a real one and stays the same on every ask (an HMAC
 * of the e-mail under a server secret), so prelogin does not tell who has an account.
 */
export function fakeKdfSalt(secret: Uint8Array, email: string): string {
  return createHmac('sha256', secret)
    .update(`prelogin:${normaliseEmail(email)}`)
    .digest('hex')
    .slice(0, 32);
}

export async function preloginSalt(db: Db, secret: Uint8Array, email: string): Promise<string> {
  const worker = await findWorkerByEmail(db, email);
  return worker?.kdfSalt ?? fakeKdfSalt(secret, email);
}

/**
 * The worker when authKey and the TOTP code are right, the account is active and the code was not
 * used before; otherwise which part failed, for the throttle only: the answer to the client never
 * says. An unknown e-mail still costs one scrypt, so timing does not give it away either.
 */
export async function signIn(
  db: Db,
  input: { email: string; authKey: string; totp: string },
  now = new Date(),
  totpKey: TotpKey = totpKeyFor(db),
): Promise<{ worker: WorkerRow } | { failure: SignInFailure }> {
  const worker = await findWorkerByEmail(db, input.email);
  const usable = worker && !worker.disabledAt && worker.totpSecret ? worker : null;
  const keyMatches = await verifyAuthKey(
    input.authKey.toLowerCase(),
    usable?.authHash ?? UNMATCHABLE_AUTH_HASH,
  );
  if (!usable || !keyMatches) return { failure: 'credentials' };
  // A secret that does not open (another server's key) is treated like a wrong password.
  const secret = openTotpSecret(totpKey, usable.id, usable.totpSecret!);
  if (secret === null) return { failure: 'credentials' };
  const step = checkTotp(secret, input.totp, usable.totpLastStep, now.getTime());
  if (step === null) return { failure: 'code' };
  // Claim the step atomically: of two sign-ins racing with one code, only one gets the row.
  const claimed = await db
    .update(workers)
    .set({ totpLastStep: step })
    .where(and(eq(workers.id, usable.id), or(isNull(workers.totpLastStep), lt(workers.totpLastStep, step))))
    .returning({ id: workers.id });
  return claimed.length ? { worker: usable } : { failure: 'code' };
}

import { randomUUID } from 'node:crypto';
import type { StaffRole } from '@vangnet/core/permissions/permissions';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/open-database.ts';
import { helplines, sessions, type WorkerRow, workers } from '../db/schema/index.ts';
import { hashAuthKey } from './auth-key-hash.ts';
import { sealTotpSecret, type TotpKey, totpKeyFor } from './totp-at-rest.ts';

/**
 * Case-worker accounts. The password never reaches the server: the browser that sets it (the
 * admin's, for a new worker) derives `authKey` and wraps the helpline identity under the worker's
 * unwrap key; the server keeps a slow hash of `authKey` and the wrapped key it cannot open.
 */
export type NewWorker = {
  helplineId: string;
  email: string;
  role: StaffRole;
  /** hex, from the browser; at least 16 bytes. */
  kdfSalt: string;
  /** hex, `deriveWorkerSecrets(password, kdfSalt).authKey`. */
  authKey: string;
  totpSecret: string;
  wrappedHelplineKey: Uint8Array;
  /** The recipient of the personal identity in the wrapped keyring (key-rotation.ts), when there is one. */
  personalRecipient?: string | null;
};

/** What a worker is known as across the API; no secrets. */
export type WorkerView = {
  id: string;
  email: string;
  role: StaffRole;
  helplineId: string;
  country: string;
  /** The name the worker signs standard replies with; null until they set one. */
  displayName?: string | null;
};

/** E-mail addresses compare case-insensitively and without surrounding spaces. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class EmailTakenError extends Error {
  constructor() {
    super('A worker with this e-mail already exists');
    this.name = 'EmailTakenError';
  }
}

/** The TOTP secret is stored sealed under the server's key (`totp-at-rest.ts`), never in the clear. */
export async function createWorker(
  db: Db,
  input: NewWorker,
  actor: string,
  totpKey: TotpKey = totpKeyFor(db),
): Promise<WorkerView> {
  const id = randomUUID();
  const email = normaliseEmail(input.email);
  const authHash = await hashAuthKey(input.authKey.toLowerCase());
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: workers.id })
      .from(workers)
      .where(eq(workers.email, email))
      .limit(1);
    if (taken) throw new EmailTakenError();
    const [helpline] = await tx
      .select({ country: helplines.country })
      .from(helplines)
      .where(eq(helplines.id, input.helplineId));
    if (!helpline) throw new Error('createWorker: unknown helpline');
    await tx.insert(workers).values({
      id,
      helplineId: input.helplineId,
      email,
      role: input.role,
      kdfSalt: input.kdfSalt.toLowerCase(),
      authHash,
      totpSecret: sealTotpSecret(totpKey, id, input.totpSecret),
      wrappedHelplineKey: input.wrappedHelplineKey,
      personalRecipient: input.personalRecipient ?? null,
    });
    // The audit names the account by id and role; the e-mail is contact data and stays out.
    await appendAudit(tx as Db, {
      actor,
      action: 'worker.create',
      detail: { workerId: id, role: input.role },
    });
    return { id, email, role: input.role, helplineId: input.helplineId, country: helpline.country };
  });
}

/** Disables an account and ends its sessions at once; returns false when there is no such worker. */
export async function disableWorker(
  db: Db,
  workerId: string,
  actor: string,
  now = new Date(),
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(workers)
      .set({ disabledAt: now })
      .where(eq(workers.id, workerId))
      .returning({ id: workers.id });
    if (!updated.length) return false;
    await tx.delete(sessions).where(eq(sessions.workerId, workerId));
    await appendAudit(tx as Db, { actor, action: 'worker.disable', detail: { workerId } }, now);
    return true;
  });
}

export async function findWorkerByEmail(db: Db, email: string): Promise<WorkerRow | undefined> {
  const [row] = await db
    .select()
    .from(workers)
    .where(eq(workers.email, normaliseEmail(email)))
    .limit(1);
  return row;
}

export async function workerView(db: Db, row: WorkerRow): Promise<WorkerView> {
  const [helpline] = await db
    .select({ country: helplines.country })
    .from(helplines)
    .where(eq(helplines.id, row.helplineId));
  return {
    id: row.id,
    email: row.email,
    role: row.role as StaffRole,
    helplineId: row.helplineId,
    country: helpline?.country ?? '',
    // Only once set, so an account without one looks as it always did.
    ...(row.displayName ? { displayName: row.displayName } : {}),
  };
}

import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/open-database.ts';
import { helplineKeyGrants, helplineRecipients, passkeys, sessions, workers } from '../db/schema/index.ts';

/**
 * Rotating the helpline key (docs/key-ceremony.md). The administrator's browser makes the new helpline
 * identity and seals it, with every older one, to the personal recipient of each worker who stays;
 * the server only checks that nobody who stays is left out, then in one transaction removes the workers
 * who go (disabled, sessions ended, every wrapped key and grant deleted), retires the old helpline
 * recipient and makes the new one active. The recipient list is signed afterwards (the demo anchor by
 * the server, a real anchor offline), and only a signed list reaches the apps.
 */
export type RotationInput = {
  helplineId: string;
  adminId: string;
  /** The new helpline recipient. */
  recipient: string;
  /** Workers who leave with this rotation. */
  remove: readonly string[];
  grants: readonly { workerId: string; recipient: string; sealed: Uint8Array }[];
};

export type RotationRefusal =
  | 'key-rotation.remove-self'
  | 'key-rotation.unknown-worker'
  | 'key-rotation.not-enrolled'
  | 'key-rotation.missing-grant'
  | 'key-rotation.recipient-in-use';

/** The workers a rotation keeps: active ones of the helpline, with their personal recipient (or null). */
export async function currentWorkers(db: Db, helplineId: string) {
  return db
    .select({
      id: workers.id,
      email: workers.email,
      role: workers.role,
      personalRecipient: workers.personalRecipient,
    })
    .from(workers)
    .where(and(eq(workers.helplineId, helplineId), isNull(workers.disabledAt)))
    .orderBy(workers.email);
}

export async function rotateHelplineKey(
  db: Db,
  input: RotationInput,
  now: Date,
): Promise<{ ok: true; kept: number; removed: number } | { ok: false; code: RotationRefusal }> {
  if (input.remove.includes(input.adminId)) return { ok: false, code: 'key-rotation.remove-self' };
  return db.transaction(async (tx) => {
    const staff = await currentWorkers(tx as Db, input.helplineId);
    const known = new Set(staff.map((w) => w.id));
    const remove = new Set(input.remove);
    if ([...remove].some((id) => !known.has(id))) return { ok: false, code: 'key-rotation.unknown-worker' };
    const kept = staff.filter((w) => !remove.has(w.id));
    if (kept.some((w) => !w.personalRecipient)) return { ok: false, code: 'key-rotation.not-enrolled' };
    // Grants go to workers who stay, and every one of them gets the new identity.
    if (input.grants.some((g) => !kept.some((w) => w.id === g.workerId))) {
      return { ok: false, code: 'key-rotation.unknown-worker' };
    }
    const covered = new Set(
      input.grants.filter((g) => g.recipient === input.recipient).map((g) => g.workerId),
    );
    if (kept.some((w) => !covered.has(w.id))) return { ok: false, code: 'key-rotation.missing-grant' };
    const [used] = await tx
      .select({ id: helplineRecipients.id })
      .from(helplineRecipients)
      .where(eq(helplineRecipients.recipient, input.recipient));
    if (used) return { ok: false, code: 'key-rotation.recipient-in-use' };

    // Everyone who does not stay (the removed, and anyone disabled before) loses every key copy.
    const gone = (
      await tx.select({ id: workers.id }).from(workers).where(eq(workers.helplineId, input.helplineId))
    )
      .map((w) => w.id)
      .filter((id) => !kept.some((w) => w.id === id));
    if (remove.size > 0) {
      await tx
        .update(workers)
        .set({ disabledAt: now })
        .where(inArray(workers.id, [...remove]));
      await tx.delete(sessions).where(inArray(sessions.workerId, [...remove]));
    }
    if (gone.length > 0) {
      await tx
        .update(workers)
        .set({ wrappedHelplineKey: null, wrappedSigningKey: null })
        .where(inArray(workers.id, gone));
      await tx
        .update(passkeys)
        .set({ wrappedHelplineKey: null })
        .where(and(inArray(passkeys.workerId, gone), isNotNull(passkeys.wrappedHelplineKey)));
      await tx.delete(helplineKeyGrants).where(inArray(helplineKeyGrants.workerId, gone));
    }
    await tx
      .update(helplineRecipients)
      .set({ retiredAt: now })
      .where(and(eq(helplineRecipients.helplineId, input.helplineId), isNull(helplineRecipients.retiredAt)));
    await tx.insert(helplineRecipients).values({
      id: randomUUID(),
      helplineId: input.helplineId,
      recipient: input.recipient,
      label: 'rotation',
      createdAt: now,
    });
    for (const grant of input.grants) {
      await tx
        .insert(helplineKeyGrants)
        .values({
          id: randomUUID(),
          helplineId: input.helplineId,
          workerId: grant.workerId,
          recipient: grant.recipient,
          sealed: grant.sealed,
          createdAt: now,
        })
        .onConflictDoNothing();
    }
    for (const workerId of remove) {
      await appendAudit(
        tx as Db,
        { actor: `worker:${input.adminId}`, action: 'worker.disable', detail: { workerId } },
        now,
      );
    }
    await appendAudit(
      tx as Db,
      {
        actor: `worker:${input.adminId}`,
        action: 'helpline-key.rotate',
        detail: { recipient: input.recipient, removed: [...remove], kept: kept.length },
      },
      now,
    );
    return { ok: true, kept: kept.length, removed: remove.size };
  });
}

/** The signed-in worker's personal recipient and the grants sealed to it. */
export async function grantsOf(db: Db, workerId: string) {
  const [row] = await db
    .select({ personalRecipient: workers.personalRecipient })
    .from(workers)
    .where(eq(workers.id, workerId));
  const grants = await db
    .select({ recipient: helplineKeyGrants.recipient, sealed: helplineKeyGrants.sealed })
    .from(helplineKeyGrants)
    .where(eq(helplineKeyGrants.workerId, workerId))
    .orderBy(helplineKeyGrants.createdAt);
  return { personalRecipient: row?.personalRecipient ?? null, grants };
}

/**
 * A worker's browser adds their personal identity to their keyring (re-wrapped under their password's
 * unwrap key) and names its recipient. Once only: a second call would let a stolen session swap the
 * recipient that future grants are sealed to.
 */
export async function enrolPersonalKey(
  db: Db,
  workerId: string,
  input: { recipient: string; wrappedHelplineKey: Uint8Array },
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(workers)
      .set({ personalRecipient: input.recipient, wrappedHelplineKey: input.wrappedHelplineKey })
      .where(and(eq(workers.id, workerId), isNull(workers.personalRecipient)))
      .returning({ id: workers.id });
    if (updated.length === 0) return false;
    await appendAudit(
      tx as Db,
      { actor: `worker:${workerId}`, action: 'worker.personal-key', detail: { workerId } },
      now,
    );
    return true;
  });
}

import { randomUUID } from 'node:crypto';
import { DEMO_ANCHOR_PUBLIC_KEY } from '@vangnet/core';
import {
  canonicalJson,
  type RecipientList,
  type SignedRecipientList,
  signRecipientList,
  verifyRecipientList,
} from '@vangnet/crypto';
import { desc, eq } from 'drizzle-orm';
import type { ActivePack } from '../active-pack.ts';
import type { Db } from '../db/open-database.ts';
import { signedRecipientLists } from '../db/schema/index.ts';
import { isUniqueViolation } from '../services/db-errors.ts';
import { activeHelplineRecipients } from '../services/helpline.ts';
import { DEMO_ANCHOR_PRIVATE_KEY } from '../staff/demo-anchor.ts';

/** The newest signed list of the helpline, exactly as it was signed; null when none was ever stored. */
export async function latestSignedList(db: Db, helplineId: string): Promise<SignedRecipientList | null> {
  const [row] = await db
    .select()
    .from(signedRecipientLists)
    .where(eq(signedRecipientLists.helplineId, helplineId))
    .orderBy(desc(signedRecipientLists.sequence))
    .limit(1);
  if (!row) return null;
  return {
    list: JSON.parse(row.statement) as RecipientList,
    signature: row.signature,
    signedBy: row.signedBy,
  };
}

export type StoreRefusal = 'recipient-list.invalid' | 'recipient-list.stale';

/**
 * Stores a list an administrator's browser signed. The server checks it as the apps will (the pack's
 * anchors, this country, valid now) and that it is newer than the last one, so a mistake shows at once
 * instead of on every phone.
 */
export async function storeSignedList(
  db: Db,
  pack: ActivePack,
  helplineId: string,
  signed: unknown,
  workerId: string | null,
  now: Date,
): Promise<{ ok: true; sequence: number } | { ok: false; code: StoreRefusal; reason: string }> {
  const latest = await latestSignedList(db, helplineId);
  const check = verifyRecipientList(signed, {
    anchors: pack.trustAnchors,
    country: pack.country,
    now,
    ...(latest ? { lastSequence: latest.list.sequence + 1 } : {}),
  });
  if (!check.ok) {
    return {
      ok: false,
      code: check.reason === 'rollback' ? 'recipient-list.stale' : 'recipient-list.invalid',
      reason: check.reason,
    };
  }
  const { signature, signedBy } = signed as SignedRecipientList;
  try {
    await db.insert(signedRecipientLists).values({
      id: randomUUID(),
      helplineId,
      sequence: check.list.sequence,
      statement: canonicalJson(check.list),
      signature,
      signedBy,
      workerId,
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, code: 'recipient-list.stale', reason: 'rollback' };
    throw error;
  }
  return { ok: true, sequence: check.list.sequence };
}

const DAY = 86_400_000;

/**
 * A pack that names the public demo anchor gets its list signed by the server itself, from the active
 * recipients, whenever they change or the list nears its end: `npm start` and the tests need no manual
 * step. This protects nothing (the key is public), which is why `pack check` warns about it. A list an
 * administrator's own anchor signed is never signed over.
 */
export async function ensureDemoSignedList(
  db: Db,
  pack: ActivePack,
  helplineId: string,
  now: Date,
): Promise<void> {
  if (!pack.trustAnchors.includes(DEMO_ANCHOR_PUBLIC_KEY)) return;
  const recipients = await activeHelplineRecipients(db, helplineId, pack);
  if (recipients.length === 0) return;
  const latest = await latestSignedList(db, helplineId);
  // Once an administrator's own anchor signed a list, the server never signs over it.
  if (latest && latest.signedBy !== DEMO_ANCHOR_PUBLIC_KEY) return;
  const same =
    latest &&
    [...latest.list.recipients].sort().join() === [...recipients].sort().join() &&
    Date.parse(latest.list.notAfter) - now.getTime() > 30 * DAY;
  if (same) return;
  const list: RecipientList = {
    kind: 'vangnet.recipient-list',
    version: 1,
    country: pack.country,
    sequence: (latest?.list.sequence ?? 0) + 1,
    recipients,
    notBefore: new Date(now.getTime() - DAY).toISOString(),
    notAfter: new Date(now.getTime() + 365 * DAY).toISOString(),
  };
  // A replica that signed the same sequence first wins; its list is as good as ours.
  await storeSignedList(db, pack, helplineId, signRecipientList(list, DEMO_ANCHOR_PRIVATE_KEY), null, now);
}

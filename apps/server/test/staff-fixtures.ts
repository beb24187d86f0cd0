import { randomBytes, randomUUID } from 'node:crypto';
import type { StaffRole } from '@vangnet/core/permissions/permissions';
import {
  type AgeIdentity,
  type AgeRecipient,
  accessTokenHash,
  deriveReporterKeys,
  deriveWorkerSecrets,
  generateIdentity,
  generateReceiptCode,
  seal,
  sealJson,
  sha256Hex,
  toHex,
  utf8,
  wrapHelplineIdentity,
} from '@vangnet/crypto';
import type { FastifyInstance } from 'fastify';
import type { BlobStore } from '../src/blobs/blob-store.ts';
import type { Db } from '../src/db/open-database.ts';
import { helplineRecipients, helplines, messages, reportItems, reports } from '../src/db/schema/index.ts';
import { currentTotpCode, generateTotpSecret } from '../src/staff/totp.ts';
import { createWorker } from '../src/staff/workers.ts';

/**
 * Helpers for the staff tests: helplines with a real age identity, workers made the way the admin's
 * browser makes them, a sign-in done the way the console does it, and visible reports sealed with
 * the real crypto package. Reports are written straight into the tables so these tests do not depend
 * on the intake routes.
 */

export type TestHelpline = { id: string; country: string; identity: AgeIdentity; recipient: AgeRecipient };

export async function addHelpline(db: Db, country: string, id: string = randomUUID()): Promise<TestHelpline> {
  const { identity, recipient } = await generateIdentity();
  await db
    .insert(helplines)
    .values({ id, country, name: `Helpline ${country}` })
    .onConflictDoNothing();
  await db.insert(helplineRecipients).values({ id: randomUUID(), helplineId: id, recipient });
  return { id, country, identity, recipient };
}

export type TestWorker = { id: string; email: string; password: string; totpSecret: string; role: StaffRole };

export async function addWorker(
  db: Db,
  helpline: TestHelpline,
  role: StaffRole,
  email?: string,
): Promise<TestWorker> {
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const kdfSalt = toHex(randomBytes(16));
  const { authKey, unwrapKey } = await deriveWorkerSecrets(password, kdfSalt);
  const totpSecret = generateTotpSecret();
  const worker = await createWorker(
    db,
    {
      helplineId: helpline.id,
      email: email ?? `${role}-${randomBytes(4).toString('hex')}@${helpline.country.toLowerCase()}.example`,
      role,
      kdfSalt,
      authKey,
      totpSecret,
      wrappedHelplineKey: await wrapHelplineIdentity(helpline.identity, unwrapKey),
    },
    'system',
  );
  return { id: worker.id, email: worker.email, password, totpSecret, role };
}

/**
 * Waits for the start of the next 30-second TOTP step when fewer than `margin` ms are left, so a test
 * that uses "the current code" twice cannot straddle a step boundary.
 */
export async function awaitFreshTotpStep(margin = 5000): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < margin) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

/** What the console does: prelogin → derive → login. Returns the whole login answer and the cookie. */
export async function signInAs(
  app: FastifyInstance,
  worker: Pick<TestWorker, 'email' | 'password' | 'totpSecret'>,
  code = currentTotpCode(worker.totpSecret),
) {
  const prelogin = await app.inject({
    method: 'POST',
    url: '/api/v1/staff/prelogin',
    payload: { email: worker.email },
  });
  const { kdfSalt } = prelogin.json() as { kdfSalt: string };
  const secrets = await deriveWorkerSecrets(worker.password, kdfSalt);
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/staff/login',
    payload: { email: worker.email, authKey: secrets.authKey, totp: code },
  });
  const setCookie = response.headers['set-cookie'];
  const cookie = String(Array.isArray(setCookie) ? setCookie[0] : (setCookie ?? '')).split(';')[0] ?? '';
  return { response, cookie, secrets };
}

export type TestReport = {
  id: string;
  /** The sealed body as stored: the bytes no unauthorised response may contain. */
  body: Uint8Array;
  itemId: string;
  item: Uint8Array;
  accessToken: string;
  marker: string;
};

/** A visible report (all evidence in) with one sealed item and one sealed reporter message. */
export async function addVisibleReport(
  db: Db,
  blobs: BlobStore,
  helpline: Pick<TestHelpline, 'id' | 'country'> & { recipient?: AgeRecipient },
  options: {
    category?: string;
    flags?: Partial<Record<'ongoing' | 'danger' | 'selfHarm' | 'imageAbuse', boolean>>;
    visibleAt?: Date;
    status?: string;
    recipients?: AgeRecipient[];
  } = {},
): Promise<TestReport> {
  const id = randomUUID();
  const marker = `MARKER-${randomBytes(6).toString('hex')}`;
  const reporter = await deriveReporterKeys(generateReceiptCode());
  const helplineRecipients = options.recipients ?? (helpline.recipient ? [helpline.recipient] : []);
  if (!helplineRecipients.length) throw new Error('addVisibleReport: no helpline recipient to seal to');
  const recipients = [...helplineRecipients, reporter.recipient];
  const body = await sealJson({ description: `what happened ${marker}` }, recipients);
  const item = await seal(utf8(`evidence ${marker}`), recipients);
  const itemId = 'item-1';
  const visibleAt = options.visibleAt ?? new Date();
  await db.insert(reports).values({
    id,
    helplineId: helpline.id,
    country: helpline.country,
    category: options.category ?? 'harassment',
    platform: 'instagram',
    role: 'self',
    ageBand: '13-15',
    flags: { ongoing: false, danger: false, selfHarm: false, imageAbuse: false, ...options.flags },
    status: options.status ?? 'new',
    reporterRecipient: reporter.recipient,
    accessTokenHash: accessTokenHash(reporter.accessToken),
    body,
    bodySha256: sha256Hex(body),
    receipt: { version: 1, reportId: id },
    signature: 'ab'.repeat(32),
    createdAt: new Date(visibleAt.getTime() - 1000),
    visibleAt,
  });
  const blobKey = `reports/${id}/${itemId}`;
  await blobs.put(blobKey, item);
  await db.insert(reportItems).values({
    reportId: id,
    itemId,
    sha256: sha256Hex(item),
    size: item.length,
    receivedAt: visibleAt,
    blobKey,
  });
  await db.insert(messages).values({
    id: randomUUID(),
    reportId: id,
    author: 'reporter',
    sealed: await sealJson({ text: `reply ${marker}` }, recipients),
  });
  return { id, body, itemId, item, accessToken: reporter.accessToken, marker };
}

/** The ways a sealed byte string could appear in a response: raw, base64, base64url, hex. */
export function sealedForms(bytes: Uint8Array): string[] {
  const b = Buffer.from(bytes);
  // 48 bytes from the middle (past the age header every file shares), starting at a multiple of 3 so
  // their base64 lines up with the base64 of the whole.
  const start = Math.floor(b.length / 6) * 3;
  const middle = b.subarray(start, start + 48);
  return [
    middle.toString('base64'),
    middle.toString('base64url'),
    middle.toString('hex'),
    middle.toString('latin1'),
  ];
}

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as crypto from '@vangnet/crypto';
import { desc, eq, isNotNull } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  keysFrom,
  personalKeyEnrolment,
  rotationRequest,
  type WorkerKeys,
} from '../apps/console/src/lib/helpline-keys.ts';
import {
  auditLog,
  helplineKeyGrants,
  reportItems,
  reports,
  workers,
} from '../apps/server/src/db/schema/index.ts';
import { currentTotpCode, generateTotpSecret, totpStep } from '../apps/server/src/staff/totp.ts';
import { launchBrowser } from './support/browser.ts';
import { phoneContext, type ReportServer, startReportServer } from './support/report-app.ts';
import { catalogs, sendFromReview, walkToReview } from './support/report-walk.ts';

// Issue 21, rotation: an administrator rotates the helpline key while removing a worker. A report sent
// through the reporter app afterwards is closed to everything that worker ever held, and opens for
// every worker who stays; every report from before still opens for them. Opened with the real `age`.
let app: ReportServer;
let browser: Browser;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'vangnet-e2e-rotation-'));
const t = catalogs.en;

type Login = { email: string; password: string; totpSecret: string };
type Signed = {
  cookie: string;
  keys: WorkerKeys;
  request: (path: string, init?: RequestInit) => Promise<Response>;
};

beforeAll(async () => {
  app = await startReportServer();
  browser = await launchBrowser();
  page = await (await phoneContext(browser, 'en-GB')).newPage();
  await page.goto(app.url);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const json = (body: unknown, cookie = ''): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', cookie },
  body: JSON.stringify(body),
});

/** A TOTP code of a step not used yet for this secret: sign-in refuses a replayed step. */
const lastStep = new Map<string, number>();
async function freshCode(secret: string): Promise<string> {
  while (totpStep(Date.now()) <= (lastStep.get(secret) ?? -1)) await new Promise((r) => setTimeout(r, 500));
  lastStep.set(secret, totpStep(Date.now()));
  return currentTotpCode(secret);
}

/** Signs in exactly as the console does (sign-in.tsx + unlock-keys.ts), with the console's own key code. */
async function signIn(login: Login): Promise<Signed> {
  const pre = await fetch(`${app.url}/api/v1/staff/prelogin`, json({ email: login.email }));
  const { kdfSalt } = (await pre.json()) as { kdfSalt: string };
  const secrets = await crypto.deriveWorkerSecrets(login.password, kdfSalt);
  const res = await fetch(
    `${app.url}/api/v1/staff/login`,
    json({ email: login.email, authKey: secrets.authKey, totp: await freshCode(login.totpSecret) }),
  );
  if (!res.ok) throw new Error(`login ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const request = (path: string, init: RequestInit = {}) =>
    fetch(`${app.url}/api/v1${path}`, { ...init, headers: { ...(init.headers as object), cookie } });
  const { wrappedHelplineKey } = (await res.json()) as { wrappedHelplineKey: string };
  let keyring: string[] = await crypto.unwrapKeyring(
    crypto.fromBase64(wrappedHelplineKey),
    secrets.unwrapKey,
  );
  let answer = (await (await request('/staff/key-grants')).json()) as Parameters<typeof keysFrom>[2];
  if (!answer.personalRecipient) {
    const enrolment = await personalKeyEnrolment(crypto, keyring, secrets.unwrapKey);
    const r = await request('/staff/me/personal-key', json(enrolment.body, cookie));
    expect(r.status).toBe(201);
    keyring = enrolment.keyring;
    answer = { ...answer, personalRecipient: enrolment.body.recipient };
  }
  return { cookie, request, keys: await keysFrom(crypto, keyring, answer) };
}

/** A worker made the way an older admin browser made them: the helpline identity wrapped alone. */
async function addWorker(admin: Signed, role: string): Promise<Login & { id: string }> {
  const email = `${role}-${randomBytes(3).toString('hex')}@nl.example`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const kdfSalt = randomBytes(16).toString('hex');
  const totpSecret = generateTotpSecret();
  const { authKey, unwrapKey } = await crypto.deriveWorkerSecrets(password, kdfSalt);
  const wrapped = await crypto.wrapKeyring(admin.keys.helpline as crypto.AgeIdentity[], unwrapKey);
  const res = await admin.request(
    '/staff/workers',
    json(
      { email, role, kdfSalt, authKey, totpSecret, wrappedHelplineKey: crypto.toBase64(wrapped) },
      admin.cookie,
    ),
  );
  expect(res.status).toBe(201);
  const { worker } = (await res.json()) as { worker: { id: string } };
  return { id: worker.id, email, password, totpSecret };
}

async function sendReport(story: string): Promise<void> {
  await walkToReview(page, { t, story, platform: 'Instagram' });
  await sendFromReview(page, { t });
  await page.getByRole('button', { name: t.receiptStart }).click();
}

/** Every sealed file of a report: its body and its stored evidence. */
async function filesOf(reportId: string): Promise<Uint8Array[]> {
  const { db, blobs } = app.server.deps;
  const [row] = await db.select({ body: reports.body }).from(reports).where(eq(reports.id, reportId));
  const items = await db
    .select({ key: reportItems.blobKey })
    .from(reportItems)
    .where(eq(reportItems.reportId, reportId));
  const files = [row!.body];
  for (const item of items) if (item.key) files.push(await blobs.getBytes(item.key));
  return files;
}

let fileCount = 0;
/** Whether the reference `age` CLI opens `sealed` with exactly these identities. */
function ageOpens(sealed: Uint8Array, identities: readonly string[]): boolean {
  fileCount += 1;
  const keys = join(dir, `keys-${fileCount}.txt`);
  const file = join(dir, `file-${fileCount}.age`);
  writeFileSync(keys, `${identities.join('\n')}\n`, { mode: 0o600 });
  writeFileSync(file, sealed);
  try {
    execFileSync('age', ['-d', '-i', keys, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(keys);
  }
}

describe('rotating the helpline key', () => {
  it('closes new reports to a removed worker, opens them for everyone who stays, and keeps old ones open', async () => {
    const demo = app.server.demoLogin as unknown as Login;
    const admin = await signIn(demo);
    const bram = await addWorker(admin, 'caseworker');
    const chris = await addWorker(admin, 'caseworker');
    // Both sign in once: their browsers make their personal keys (Chris keeps a copy of all he holds).
    const bramBefore = await signIn(bram);
    const chrisKeys = await signIn(chris);
    expect(chrisKeys.keys.personal).not.toBeNull();
    const chrisHeld = [...new Set([...chrisKeys.keys.keyring, ...chrisKeys.keys.helpline])];
    expect(bramBefore.keys.helpline).toEqual(admin.keys.helpline);

    await sendReport('Before the rotation');
    const [before] = await app.server.deps.db.select({ id: reports.id }).from(reports);

    // The ceremony, as the console's admin screen runs it.
    const state = (await (await admin.request('/staff/helpline-key')).json()) as {
      activeRecipients: string[];
      workers: { id: string; personalRecipient: string | null }[];
    };
    const oldRecipients = state.activeRecipients;
    expect(state.workers.every((w) => w.personalRecipient)).toBe(true);
    const rotation = await rotationRequest(crypto, {
      helpline: admin.keys.helpline,
      workers: state.workers,
      remove: [chris.id],
    });
    // Leaving out a worker who stays is refused, and changes nothing.
    const partial = await admin.request(
      '/staff/helpline-key/rotate',
      json(
        { ...rotation.body, grants: rotation.body.grants.filter((g) => g.workerId !== bram.id) },
        admin.cookie,
      ),
    );
    expect(partial.status).toBe(422);
    expect(((await partial.json()) as { code: string }).code).toBe('key-rotation.missing-grant');
    const rotated = await admin.request('/staff/helpline-key/rotate', json(rotation.body, admin.cookie));
    expect(rotated.status).toBe(200);
    const { sequence } = (await rotated.json()) as { sequence: number | null };
    expect(sequence).toBeGreaterThan(1);

    // The apps get a signed list with only the new recipient.
    const config = (await (await fetch(`${app.url}/api/v1/config`)).json()) as {
      signedRecipients: crypto.SignedRecipientList;
    };
    expect(config.signedRecipients.list.sequence).toBe(sequence);
    expect(config.signedRecipients.list.recipients).toEqual([rotation.body.recipient]);
    for (const old of oldRecipients) expect(config.signedRecipients.list.recipients).not.toContain(old);

    // Chris is out: no sign-in, no wrapped copy, no grant.
    await expect(signIn(chris)).rejects.toThrow(/login 401/);
    const { db } = app.server.deps;
    const [chrisRow] = await db.select().from(workers).where(eq(workers.id, chris.id));
    expect(chrisRow!.wrappedHelplineKey).toBeNull();
    expect(chrisRow!.disabledAt).not.toBeNull();
    expect(await db.select().from(helplineKeyGrants).where(eq(helplineKeyGrants.workerId, chris.id))).toEqual(
      [],
    );

    await sendReport('After the rotation');
    const after = (await db.select({ id: reports.id }).from(reports)).find((r) => r.id !== before!.id)!;

    // Everyone who stays signs in again and opens both reports; Chris's keys open only the old one.
    const stay = { admin: await signIn(demo), bram: await signIn(bram) };
    for (const [name, signed] of Object.entries(stay)) {
      for (const file of [...(await filesOf(before!.id)), ...(await filesOf(after.id))]) {
        expect(ageOpens(file, signed.keys.helpline), name).toBe(true);
      }
    }
    for (const file of await filesOf(after.id)) expect(ageOpens(file, chrisHeld)).toBe(false);
    for (const file of await filesOf(before!.id)) expect(ageOpens(file, chrisHeld)).toBe(true);

    // The rotation is in the audit log, naming the removed worker and no key material.
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'helpline-key.rotate'))
      .orderBy(desc(auditLog.seq));
    expect(entry).toBeDefined();
    expect(JSON.stringify(entry)).toContain(chris.id);
    expect(JSON.stringify(entry)).not.toContain('AGE-SECRET-KEY');
    expect(await db.select().from(helplineKeyGrants).where(isNotNull(helplineKeyGrants.sealed))).not.toEqual(
      [],
    );
  });
});

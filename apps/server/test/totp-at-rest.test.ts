import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveWorkerSecrets, toHex } from '@vangnet/crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseKind, openDatabase } from '../src/db/open-database.ts';
import { helplines, workers } from '../src/db/schema/index.ts';
import { startServer } from '../src/server.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { hashAuthKey } from '../src/staff/auth-key-hash.ts';
import { generateTotpSecret } from '../src/staff/totp.ts';
import { openTotpSecret, totpKeyOf } from '../src/staff/totp-at-rest.ts';
import { addHelpline, addWorker, awaitFreshTotpStep, signInAs } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { dumpAllTables } from './support/table-dump.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * Issue 9: TOTP secrets were stored in the clear, so a database dump held every worker's second
 * factor. They are sealed now (AES-256-GCM under a key derived from the server's signing key in
 * DATA_DIR), rows written before are sealed at the next start, and sign-in works throughout.
 */
const forms = (secret: string) => [secret, secret.toLowerCase(), Buffer.from(secret).toString('base64')];

describe.each(databaseKinds())('TOTP secrets at rest on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it('a table dump holds no TOTP secret, and the worker still signs in', async () => {
    const helpline = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    const dump = await dumpAllTables(t.deps.db);
    expect(dump).toContain(worker.id);
    for (const form of forms(worker.totpSecret)) expect(dump.includes(form), form).toBe(false);
    await awaitFreshTotpStep();
    expect((await signInAs(t.app, worker)).response.statusCode).toBe(200);

    // The sealed secret is bound to its row: copied onto another worker it does not open.
    const [row] = await t.deps.db.select().from(workers).where(eq(workers.id, worker.id));
    const key = totpKeyOf(t.deps.signingKey.privateKey);
    expect(openTotpSecret(key, worker.id, row!.totpSecret!)).toBe(worker.totpSecret);
    expect(openTotpSecret(key, randomUUID(), row!.totpSecret!)).toBeNull();
    expect(openTotpSecret(totpKeyOf('ab'.repeat(32)), worker.id, row!.totpSecret!)).toBeNull();
  });
});

describe.each(databaseKinds())('TOTP secrets stored in the clear before, on %s', (kind: DatabaseKind) => {
  it('are sealed at the next start, and sign-in keeps working', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-totp-'));
    const pgSchema = kind === 'postgres' ? `test_${randomBytes(6).toString('hex')}` : undefined;
    const where = pgSchema ? { databaseUrl: process.env.DATABASE_URL!, pgSchema } : {};
    // What the earlier server wrote: a worker row with its TOTP secret in the clear.
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const kdfSalt = toHex(randomBytes(16));
    const totpSecret = generateTotpSecret();
    const workerId = randomUUID();
    const email = `old-${randomBytes(4).toString('hex')}@nl.example`;
    const before = await openDatabase({ dataDir, ...where });
    try {
      const helplineId = randomUUID();
      await before.db.insert(helplines).values({ id: helplineId, country: 'NL', name: 'Helpline NL' });
      const { authKey } = await deriveWorkerSecrets(password, kdfSalt);
      await before.db.insert(workers).values({
        id: workerId,
        helplineId,
        email,
        role: 'caseworker',
        kdfSalt,
        authHash: await hashAuthKey(authKey),
        totpSecret,
      });
    } finally {
      await before.close();
    }

    const server = await startServer({ port: 0, dataDir, ...where, logLevel: 'silent', serveApps: false });
    try {
      const [row] = await server.deps.db.select().from(workers).where(eq(workers.id, workerId));
      expect(row?.totpSecret).toMatch(/^v1:/);
      const dump = await dumpAllTables(server.deps.db);
      for (const form of forms(totpSecret)) expect(dump.includes(form), form).toBe(false);
      await awaitFreshTotpStep();
      const signedIn = await signInAs(server.app, { email, password, totpSecret });
      expect(signedIn.response.statusCode, signedIn.response.body).toBe(200);
    } finally {
      if (pgSchema) await server.deps.db.execute(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE` as never);
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

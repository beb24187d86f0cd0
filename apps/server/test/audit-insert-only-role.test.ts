import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadActivePack } from '../src/active-pack.ts';
import { appendAudit } from '../src/audit/append-audit.ts';
import { verifyStoredAuditChain } from '../src/audit/verify-stored-chain.ts';
import { LocalDiskBlobStore } from '../src/blobs/local-disk-blob-store.ts';
import { repoRoot } from '../src/config.ts';
import { type OpenedDatabase, openDatabase } from '../src/db/open-database.ts';
import { auditLog, reports } from '../src/db/schema/index.ts';
import { runRetention } from '../src/retention/run-retention.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { addHelpline, addVisibleReport } from './staff-fixtures.ts';
import { openTestDatabase, type TestDatabase } from './support/databases.ts';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The recipe of docs/operating-at-scale.md ("An insert-only role for the audit log"), run as written
 * on a real PostgreSQL: the owner migrates; the server runs as a role that may read and insert audit
 * records but not change or delete them. The server still starts (no DDL when migrations are current),
 * appends, and runs retention (which deletes cases, never audit records). PostgreSQL only: the embedded
 * database has one user and no roles.
 */
describe.skipIf(!process.env.DATABASE_URL)('the insert-only audit role on PostgreSQL', () => {
  let owner: TestDatabase | undefined;
  let app: OpenedDatabase | undefined;
  const role = `vangnet_app_${randomBytes(4).toString('hex')}`;
  afterAll(async () => {
    await app?.close();
    if (owner) {
      await owner.db.execute(sql.raw(`DROP OWNED BY "${role}"`));
      await owner.db.execute(sql.raw(`DROP ROLE IF EXISTS "${role}"`));
      await owner.close();
    }
  });

  it('lets the server append and run retention, and refuses UPDATE, DELETE and TRUNCATE of audit rows', async () => {
    owner = await openTestDatabase('postgres');
    const schema = owner.pgSchema!;
    for (const statement of [
      `CREATE ROLE "${role}" LOGIN`,
      `GRANT USAGE ON SCHEMA "${schema}" TO "${role}"`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "${schema}" TO "${role}"`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "${schema}" TO "${role}"`,
      `REVOKE UPDATE, DELETE, TRUNCATE ON "${schema}".audit_log FROM "${role}"`,
    ]) {
      await owner.db.execute(sql.raw(statement));
    }
    const url = new URL(process.env.DATABASE_URL!);
    url.username = role;
    url.password = '';
    // Starts without CREATE rights: the migrations are current, so nothing is run.
    app = await openDatabase({ dataDir: owner.dataDir, databaseUrl: url.href, pgSchema: schema });
    const { db } = app;

    const pack = await loadActivePack(join(repoRoot, 'country-packs/NL'));
    const helpline = await addHelpline(db, 'NL', await ensureHelpline(db, pack));
    const blobs = new LocalDiskBlobStore(join(owner.dataDir, 'blobs'));
    const now = new Date();
    const expired = await addVisibleReport(db, blobs, helpline, {
      visibleAt: new Date(now.getTime() - 900 * DAY),
    });
    await db
      .update(reports)
      .set({ status: 'closed', closedAt: new Date(now.getTime() - 800 * DAY) })
      .where(eq(reports.id, expired.id));
    await appendAudit(db, { actor: 'worker:w1', action: 'case.view', caseId: expired.id });

    // Retention deletes the case and appends its own record; no audit row needs to go.
    const result = await runRetention({ db, blobs, pack }, now);
    expect(result.closed).toEqual([expired.id]);
    const trail = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.caseId, expired.id));
    expect(trail.map((r) => r.action)).toEqual(['case.view', 'case.deleted-by-retention']);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });

    // Someone holding the server's database password cannot change or remove what it recorded.
    const refused = async (query: PromiseLike<unknown>) => {
      const error = await Promise.resolve(query).then(
        () => null,
        (e: unknown) => e as { cause?: { code?: string }; code?: string },
      );
      return error?.cause?.code ?? error?.code;
    };
    expect(await refused(db.delete(auditLog))).toBe('42501');
    expect(await refused(db.update(auditLog).set({ actor: 'worker:someone-else' }))).toBe('42501');
    expect(await refused(db.execute(sql.raw(`TRUNCATE "${schema}".audit_log`)))).toBe('42501');
    expect((await db.select().from(auditLog)).length).toBe(trail.length);
  });
});

// One report-intake server for the benches (intake.bench.ts and the runtime probe): the real app on
// the embedded database or PostgreSQL, limits lifted, and a fresh valid report body per request.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateIdentity, generateSigningKey, sealJson, toBase64 } from '@vangnet/crypto';
import { minimalPack } from '../../apps/server/src/active-pack.ts';
import { type AppDeps, buildApp } from '../../apps/server/src/app.ts';
import { LocalDiskBlobStore } from '../../apps/server/src/blobs/local-disk-blob-store.ts';
import { loadConfig, repoRoot } from '../../apps/server/src/config.ts';
import { openDatabase } from '../../apps/server/src/db/open-database.ts';
import { submitReportBody } from '../../apps/server/src/routes/report-schemas.ts';
import { submitReport } from '../../apps/server/src/services/intake.ts';

export type IntakeApp = {
  /** POST a report here. */
  reportsUrl: string;
  /** The same report through the intake service itself, without HTTP: its inserts in its transaction. */
  submitDirect(): Promise<void>;
  /** A new report's JSON: each call has a fresh access token hash, so every request is a new report. */
  newReportBody(): string;
  close(): Promise<void>;
};

export async function startIntakeApp(kind: 'pglite' | 'postgres'): Promise<IntakeApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-bench-'));
  const pgSchema = kind === 'postgres' ? `bench_${randomBytes(4).toString('hex')}` : undefined;
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const database = await openDatabase({ dataDir, ...(kind === 'postgres' ? { databaseUrl, pgSchema } : {}) });
  const helpline = await generateIdentity();
  const reporter = await generateIdentity();
  const deps: AppDeps = {
    config: { ...loadConfig({ LOG_LEVEL: 'silent' }), dataDir },
    db: database.db,
    blobs: new LocalDiskBlobStore(join(dataDir, 'blobs')),
    pack: minimalPack(join(repoRoot, 'country-packs/NL')),
    signingKey: generateSigningKey(),
    // The limiter would stop a load test from one address after a few requests.
    limits: { perIpPerMinute: 1e9, submissionsPerIpPerHour: 1e9 },
  };
  const app = await buildApp(deps);
  const body = toBase64(
    await sealJson(
      {
        version: 1,
        description: 'Someone in my class keeps posting mean comments under my photos.',
        links: [],
        language: 'nl',
        manifest: { version: 1, items: [] },
      },
      [helpline.recipient, reporter.recipient],
    ),
  );
  const metadata = {
    country: 'NL',
    category: 'harassment',
    platform: 'instagram',
    role: 'self',
    ageBand: '13-15',
    flags: { ongoing: true, danger: false, selfHarm: false, imageAbuse: false },
  };
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const newReport = () => ({
    metadata,
    reporter: { recipient: reporter.recipient, accessTokenHash: randomBytes(32).toString('hex') },
    body,
    items: [],
  });
  return {
    reportsUrl: `http://127.0.0.1:${port}/api/v1/reports`,
    newReportBody: () => JSON.stringify(newReport()),
    submitDirect: async () => {
      // Parsed by the route's own schema, as the HTTP path does, so the input types are the real ones.
      await submitReport(deps, submitReportBody.parse(newReport()), randomUUID());
    },
    close: async () => {
      await app.close();
      if (pgSchema) await database.db.execute(`DROP SCHEMA "${pgSchema}" CASCADE` as never);
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

import { join } from 'node:path';
import { generateSigningKey } from '@vangnet/crypto';
import type { FastifyInstance } from 'fastify';
import { type ActivePack, loadActivePack } from '../../src/active-pack.ts';
import { buildApp } from '../../src/app.ts';
import type { AppDeps } from '../../src/app-deps.ts';
import { LocalDiskBlobStore } from '../../src/blobs/local-disk-blob-store.ts';
import { loadConfig, repoRoot } from '../../src/config.ts';
import type { DatabaseKind } from '../../src/db/open-database.ts';
import { openTestDatabase, type TestDatabase } from './databases.ts';

export type TestApp = {
  app: FastifyInstance;
  deps: AppDeps;
  database: TestDatabase;
  /** `http://127.0.0.1:<port>`: the app listens on a free port, for clients that need a socket (tus). */
  url: string;
  close(): Promise<void>;
};

let nl: Promise<ActivePack> | undefined;
/** The committed NL pack, loaded and checked once per test file. */
const nlPack = () => {
  nl ??= loadActivePack(join(repoRoot, 'country-packs/NL'));
  return nl;
};

/**
 * The real app on a fresh database, listening on loopback. `overrides` replace deps (e.g. `limits`
 * to test rate limiting, `pack` for another country). The default pack is the committed NL pack.
 */
export async function startTestApp(
  kind: DatabaseKind,
  overrides: Partial<AppDeps> = {},
  /** A database opened by the test itself (say, through a proxy it can cut); closed with the app. */
  opened?: TestDatabase,
  /** Read like the server's environment (`TRUST_PROXY`). */
  env: Record<string, string> = {},
): Promise<TestApp> {
  const database = opened ?? (await openTestDatabase(kind));
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: database.dataDir, ...env }),
    dataDir: database.dataDir,
  };
  const pack = overrides.pack ?? (await nlPack());
  const deps: AppDeps = {
    config,
    db: database.db,
    blobs: new LocalDiskBlobStore(join(database.dataDir, 'blobs')),
    pack,
    signingKey: generateSigningKey(),
    ...overrides,
  };
  const app = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    deps,
    database,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      try {
        await app.close();
      } finally {
        await database.close();
      }
    },
  };
}

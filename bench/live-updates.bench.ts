// Live updates across replicas: two server replicas on one PostgreSQL, on loopback. CONSOLES consoles hold
// the event stream of replica B open; CASES reports are sent to replica A, one after another. Latency is
// from A's answer (the report is committed) to the event arriving on each console's stream on B: what
// LISTEN/NOTIFY and the fan-out add. Side by side, what a console polling every 5 s (the former queue) or
// 10 s (the fallback while the stream is down) waits for the same case: half the interval on the median,
// 99% of it at p99, plus one read of the change feed, measured here on B. Bounded: CASES reports, then it
// stops. `npm run bench -- live`; DATABASE_URL (default: the local test database).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey } from '@vangnet/crypto';
import { sql } from 'drizzle-orm';
import { loadActivePack } from '../apps/server/src/active-pack.ts';
import { type AppDeps, buildApp } from '../apps/server/src/app.ts';
import { LocalDiskBlobStore } from '../apps/server/src/blobs/local-disk-blob-store.ts';
import { loadConfig, repoRoot } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/open-database.ts';
import { LiveFeed } from '../apps/server/src/live/live-feed.ts';
import { ensureHelpline } from '../apps/server/src/services/helpline.ts';
import { addHelpline, addWorker, signInAs } from '../apps/server/test/staff-fixtures.ts';
import { prepareReport } from '../apps/server/test/support/reporter-client.ts';
import { openSse, type SseStream } from '../apps/server/test/support/sse-client.ts';
import type { TestApp } from '../apps/server/test/support/test-app.ts';

const CONSOLES = Number(process.env.BENCH_CONSOLES ?? 50);
const CASES = Number(process.env.BENCH_CASES ?? 200);
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-bench-live-'));
const pgSchema = `bench_${randomBytes(4).toString('hex')}`;
const pack = await loadActivePack(join(repoRoot, 'country-packs/NL'));
const signingKey = generateSigningKey();
type Replica = { app: Awaited<ReturnType<typeof buildApp>>; url: string; deps: AppDeps };
const replicas: Replica[] = [];
const closers: (() => Promise<void>)[] = [];
for (let i = 0; i < 2; i++) {
  // Each replica its own pool and LISTEN connection, as two processes would have.
  const database = await openDatabase({ dataDir, databaseUrl, pgSchema });
  const live = await LiveFeed.start(database);
  const deps: AppDeps = {
    config: { ...loadConfig({ LOG_LEVEL: 'silent' }), dataDir },
    db: database.db,
    blobs: new LocalDiskBlobStore(join(dataDir, 'blobs')),
    pack,
    signingKey,
    live,
    // One client address makes every request here; the limiter would measure itself.
    limits: { perIpPerMinute: 1e9, submissionsPerIpPerHour: 1e9 },
  };
  const app = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  replicas.push({
    app,
    deps,
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
  });
  closers.unshift(async () => {
    await app.close();
    await live.close();
    if (i === 0) await database.db.execute(sql.raw(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`));
    await database.close();
  });
}
const [a, b] = replicas as [Replica, Replica];
const db = a.deps.db;
const helpline = await addHelpline(db, 'NL', await ensureHelpline(db, pack));
const worker = await addWorker(db, helpline, 'caseworker');
const { cookie } = await signInAs(b.app, worker);

const arrived = new Map<string, number[]>();
const streams: SseStream[] = [];
for (let i = 0; i < CONSOLES; i++) {
  streams.push(
    await openSse(`${b.url}/api/v1/staff/events`, { cookie }, (event) => {
      if (event.event !== 'case') return;
      const id = (JSON.parse(event.data) as { id: string }).id;
      const at = arrived.get(id) ?? [];
      at.push(performance.now());
      arrived.set(id, at);
    }),
  );
}

// Reports prepared (sealed) before the clock starts: sealing is the device's work.
const prepared = [];
for (let i = 0; i < CASES; i++) prepared.push(await prepareReport({ app: a.app } as TestApp));
const fanOut: number[] = [];
const sendToArrival: number[] = [];
let lost = 0;
for (const report of prepared) {
  const sent = performance.now();
  const res = await fetch(`${a.url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(report.request),
  });
  const answered = performance.now();
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${await res.text()}`);
  const { reportId } = (await res.json()) as { reportId: string };
  // Wait (bounded) for every console's stream to bring it.
  const deadline = performance.now() + 10_000;
  while ((arrived.get(reportId)?.length ?? 0) < CONSOLES && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 1));
  const at = arrived.get(reportId) ?? [];
  lost += CONSOLES - at.length;
  for (const t of at) {
    fanOut.push(t - answered);
    sendToArrival.push(t - sent);
  }
}

// One read of the change feed on B, as a console makes after an event or at each poll.
const reads: number[] = [];
for (let i = 0; i < 50; i++) {
  const started = performance.now();
  const res = await fetch(`${b.url}/api/v1/staff/cases?since=0&limit=50`, { headers: { cookie } });
  await res.arrayBuffer();
  reads.push(performance.now() - started);
}
const readP50 = quantile(reads, 0.5);
const readP99 = quantile(reads, 0.99);

for (const s of streams) s.close();
for (const close of closers) await close();
rmSync(dataDir, { recursive: true, force: true });

const os = await import('node:os');
console.log(
  `2 replicas on one PostgreSQL; ${CONSOLES} consoles streaming from B; ${CASES} cases sent to A; lost events: ${lost} of ${CASES * CONSOLES}; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`,
);
console.table([
  {
    measure: 'pushed: A answered → event on B',
    p50: ms(quantile(fanOut, 0.5)),
    p99: ms(quantile(fanOut, 0.99)),
  },
  {
    measure: 'pushed: sent to A → event on B',
    p50: ms(quantile(sendToArrival, 0.5)),
    p99: ms(quantile(sendToArrival, 0.99)),
  },
  { measure: 'then one change-feed read on B', p50: ms(readP50), p99: ms(readP99) },
  ...[5_000, 10_000].map((interval) => ({
    measure: `polled every ${interval / 1000} s (wait + read, expected)`,
    p50: ms(interval * 0.5 + readP50),
    p99: ms(interval * 0.99 + readP99),
  })),
]);
if (lost > 0) process.exit(1);

// The load-and-fault run of a national instance (issue 14), on loopback: three server processes on one
// PostgreSQL database and one shared data folder behind the cluster's proxy (scripts/cluster/), reports
// with two evidence files each sent the way the reporter app sends them (sealed, an idempotency key,
// resumable tus uploads, retries with backoff), first as fast as the machine takes them to find the
// capacity, then at 80 % of it for CLUSTER_MINUTES (default 10). During that run one replica is killed
// (SIGKILL) and restarted, every database connection of the cluster is cut once, and the object store
// (s3rver on loopback, holding evidence and uploads in progress) is stopped for 30 s. Afterwards every
// acknowledged report must be in the queue exactly once with all its evidence, byte for byte, and
// every upload still unfinished must be resumable.
//
//   npm run bench -- cluster-faults                 (10 minutes at 80 %)
//   CLUSTER_MINUTES=2 npm run bench -- cluster-faults
//
// The database is a fresh one on the machine's PostgreSQL (DATABASE_URL's server), dropped after.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportBody, ReportMetadata } from '@vangnet/core';
import { type AgeRecipient, generateIdentity, seal, sealJson, sha256Hex, toBase64 } from '@vangnet/crypto';
import pg from 'pg';
import type { BlobStore } from '../apps/server/src/blobs/blob-store.ts';
import { startS3Server } from '../apps/server/test/support/s3-server.ts';
// @ts-expect-error: plain JavaScript shared with `npm start`, without type declarations.
import { buildEverythingStale } from '../scripts/build-stale.mjs';
import { type Cluster, startCluster } from '../scripts/cluster/cluster.ts';

const MINUTES = Number(process.env.CLUSTER_MINUTES ?? 10);
const CAPACITY_SECONDS = Number(process.env.CLUSTER_CAPACITY_SECONDS ?? 30);
const REPLICAS = 3;
const ITEM_BYTES = 16 * 1024;
/** Phones in flight while finding the capacity. */
const CONCURRENCY = 16;

const serverUrl = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
const databaseName = `vangnet_cluster_bench_${randomBytes(4).toString('hex')}`;
const adminUrl = new URL(serverUrl);
adminUrl.pathname = '/postgres';
const clusterUrl = new URL(serverUrl);
clusterUrl.pathname = `/${databaseName}`;

const metadata: ReportMetadata = {
  country: 'NL',
  category: 'harassment',
  platform: 'instagram',
  role: 'self',
  ageBand: '13-15',
  flags: { ongoing: true, danger: false, selfHarm: false, imageAbuse: false },
};

type Outcome = {
  /** The report's id once the server acknowledged it (201 with the receipt). */
  id?: string;
  accessTokenHash: string;
  items: { id: string; sha256: string; size: number; done: boolean; location?: string }[];
  /** Time from the first POST to the receipt, and to the last evidence byte acknowledged. */
  receiptMs?: number;
  completeMs?: number;
  /** Requests that failed and were tried again (what a phone would retry on its own). */
  retries: number;
  failed?: string;
};

/** An answer a phone must not retry (a 4xx other than 408/429): the report fails with it. */
class Refused extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A phone's address as the proxy passes it on; many phones, so per-address limits act as in real life. */
function phoneAddress(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

/**
 * One report the way the reporter app sends it. Network failures, 5xx and 429 are retried with
 * backoff (the app's outbox does the same); the idempotency key and the upload offset make retries safe.
 */
async function sendReport(base: string, recipients: AgeRecipient[], deadline: number): Promise<Outcome> {
  const started = performance.now();
  const reporter = await generateIdentity();
  const token = randomBytes(32);
  const accessTokenHash = sha256Hex(token);
  const address = phoneAddress();
  const capturedAt = new Date().toISOString();
  const plain = [randomBytes(ITEM_BYTES), randomBytes(ITEM_BYTES)];
  const itemIds = plain.map(() => randomUUID());
  const sealedItems = await Promise.all(plain.map((p) => seal(p, [...recipients, reporter.recipient])));
  const items: Outcome['items'] = sealedItems.map((sealed, i) => ({
    id: itemIds[i] as string,
    sha256: sha256Hex(sealed),
    size: sealed.byteLength,
    done: false,
  }));
  const body: ReportBody = {
    version: 1,
    description: 'Someone keeps posting mean comments under my photos.',
    links: [],
    language: 'nl',
    manifest: {
      version: 1,
      items: plain.map((p, i) => ({
        id: itemIds[i] as string,
        kind: 'image' as const,
        mediaType: 'image/png',
        size: p.byteLength,
        sha256: sha256Hex(p),
        capturedAt,
      })),
    },
  };
  const request = JSON.stringify({
    metadata,
    reporter: { recipient: reporter.recipient, accessTokenHash },
    body: toBase64(await sealJson(body, [...recipients, reporter.recipient])),
    items: items.map(({ id, sha256, size }) => ({ id, sha256, size })),
  });
  const outcome: Outcome = { accessTokenHash, items, retries: 0 };
  const idempotencyKey = randomUUID();
  const common = { 'x-forwarded-for': address };
  const tus = { ...common, 'tus-resumable': '1.0.0', authorization: `Bearer ${token.toString('hex')}` };

  /** Runs `attempt` until it returns a value; null from it means "try again". */
  const retrying = async <T>(what: string, attempt: () => Promise<T | null>): Promise<T | undefined> => {
    for (let backoff = 200; performance.now() < deadline; backoff = Math.min(backoff * 2, 4000)) {
      try {
        const value = await attempt();
        if (value !== null) return value;
      } catch (error) {
        if (error instanceof Refused) {
          outcome.failed = `${what}: ${error.message}`;
          return undefined;
        }
        // A reset or refused connection: the phone tries again.
      }
      outcome.retries += 1;
      await sleep(backoff * (0.5 + Math.random()));
    }
    outcome.failed = `${what}: gave up at the deadline`;
    return undefined;
  };
  const retryable = (status: number) => status >= 500 || status === 429 || status === 408;

  const id = await retrying('report', async () => {
    const res = await fetch(`${base}/api/v1/reports`, {
      method: 'POST',
      headers: { ...common, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: request,
      signal: AbortSignal.timeout(30_000),
    });
    if (res.status === 201 || res.status === 200)
      return ((await res.json()) as { reportId: string }).reportId;
    if (retryable(res.status)) return null;
    throw new Refused(`report answered ${res.status} ${(await res.text()).slice(0, 200)}`);
  });
  if (!id) return outcome;
  outcome.id = id;
  outcome.receiptMs = performance.now() - started;

  for (const [i, item] of items.entries()) {
    const bytes = sealedItems[i] as Uint8Array;
    const done = await retrying(`upload ${item.id}`, async () => {
      if (!item.location) {
        const b64 = (s: string) => Buffer.from(s).toString('base64');
        const created = await fetch(`${base}/api/v1/uploads`, {
          method: 'POST',
          headers: {
            ...tus,
            'upload-length': String(bytes.byteLength),
            'upload-metadata': `reportId ${b64(id)},itemId ${b64(item.id)}`,
          },
          signal: AbortSignal.timeout(30_000),
        });
        if (created.status !== 201) {
          if (retryable(created.status)) return null;
          throw new Refused(
            `upload create answered ${created.status} ${(await created.text()).slice(0, 200)}`,
          );
        }
        const location = created.headers.get('location');
        if (!location) return null;
        item.location = location;
      }
      // Where the server stands: resume from there (tus HEAD), as tus-js-client does after a failure.
      const head = await fetch(`${base}${item.location}`, {
        method: 'HEAD',
        headers: tus,
        signal: AbortSignal.timeout(30_000),
      });
      if (head.status === 404) {
        delete item.location; // Gone (expired): start the upload again.
        return null;
      }
      if (head.status !== 200) return null;
      const offset = Number(head.headers.get('upload-offset'));
      if (offset === bytes.byteLength) return true;
      const patch = await fetch(`${base}${item.location}`, {
        method: 'PATCH',
        headers: {
          ...tus,
          'upload-offset': String(offset),
          'content-type': 'application/offset+octet-stream',
        },
        body: new Uint8Array(bytes.subarray(offset)),
        signal: AbortSignal.timeout(30_000),
      });
      if (patch.status === 204 && Number(patch.headers.get('upload-offset')) === bytes.byteLength)
        return true;
      return null;
    });
    if (!done) return outcome;
    item.done = true;
  }
  outcome.completeMs = performance.now() - started;
  return outcome;
}

/** Sends reports with `concurrency` phones in flight until `until`; returns every outcome. */
async function closedLoop(base: string, recipients: AgeRecipient[], concurrency: number, until: number) {
  const outcomes: Outcome[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) outcomes.push(await sendReport(base, recipients, until + 60_000));
    }),
  );
  return outcomes;
}

/** Starts reports at `perSecond` (open loop, as phones arrive) until `until`; waits for all to end. */
async function openLoop(base: string, recipients: AgeRecipient[], perSecond: number, until: number) {
  const running: Promise<Outcome>[] = [];
  const startedAt = performance.now();
  let sent = 0;
  while (performance.now() < until) {
    const due = Math.floor(((performance.now() - startedAt) / 1000) * perSecond);
    for (; sent < due; sent++) running.push(sendReport(base, recipients, until + 120_000));
    await sleep(10);
  }
  return Promise.all(running);
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN);
}

async function cutDatabaseConnections(admin: pg.Client): Promise<number> {
  const res = await admin.query(
    'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [databaseName],
  );
  return res.rowCount ?? 0;
}

/** Every acknowledged report once in the queue with every item, its stored bytes hashing as declared. */
async function verify(outcomes: Outcome[], blobs: BlobStore) {
  const db = new pg.Client({ connectionString: clusterUrl.toString() });
  await db.connect();
  const result = {
    acknowledged: 0,
    inQueueOnce: 0,
    lost: 0,
    duplicated: 0,
    evidenceComplete: 0,
    evidenceBad: 0,
    resumable: 0,
    notResumable: 0,
  };
  try {
    const rows = await db.query<{ id: string; access_token_hash: string; status: string }>(
      'select id, access_token_hash, status from reports',
    );
    const byToken = new Map<string, string[]>();
    for (const r of rows.rows)
      byToken.set(r.access_token_hash, [...(byToken.get(r.access_token_hash) ?? []), r.id]);
    const items = await db.query<{
      report_id: string;
      item_id: string;
      sha256: string;
      received_at: Date | null;
      blob_key: string | null;
    }>('select report_id, item_id, sha256, received_at, blob_key from report_items');
    const itemsOf = new Map<string, typeof items.rows>();
    for (const i of items.rows) itemsOf.set(i.report_id, [...(itemsOf.get(i.report_id) ?? []), i]);
    for (const o of outcomes) {
      if (!o.id) continue;
      result.acknowledged += 1;
      const ids = byToken.get(o.accessTokenHash) ?? [];
      if (ids.length === 0 || !ids.includes(o.id)) result.lost += 1;
      else if (ids.length > 1) result.duplicated += 1;
      else result.inQueueOnce += 1;
      if (o.items.every((i) => i.done)) {
        const stored = itemsOf.get(o.id) ?? [];
        let good = stored.length === o.items.length;
        for (const item of o.items) {
          const row = stored.find((s) => s.item_id === item.id);
          if (!row?.received_at || !row.blob_key || row.sha256 !== item.sha256) {
            good = false;
            continue;
          }
          const bytes = await blobs.getBytes(row.blob_key).catch(() => new Uint8Array());
          if (createHash('sha256').update(bytes).digest('hex') !== item.sha256) good = false;
        }
        if (good) result.evidenceComplete += 1;
        else result.evidenceBad += 1;
      } else {
        // Not finished by the phone: it must be able to go on where it stopped.
        if (o.items.some((i) => !i.done && i.location)) result.resumable += 1;
        else result.notResumable += 1;
      }
    }
    // Acknowledged reports are in the queue: visible once all their evidence is in.
    const waiting = await db.query<{ n: number }>(
      "select count(*)::int as n from reports where status = 'awaiting-evidence'",
    );
    return { ...result, stillReceiving: waiting.rows[0]?.n ?? 0, rowsInDatabase: rows.rowCount ?? 0 };
  } finally {
    await db.end();
  }
}

function summarise(name: string, outcomes: Outcome[], seconds: number) {
  const complete = outcomes.filter((o) => o.completeMs !== undefined);
  console.log(
    `${name}: ${outcomes.length} reports started, ${complete.length} complete with evidence, ${(complete.length / seconds).toFixed(1)} reports/s; ` +
      `receipt p50 ${percentile(
        outcomes.flatMap((o) => (o.receiptMs ? [o.receiptMs] : [])),
        0.5,
      )} ms, p99 ${percentile(
        outcomes.flatMap((o) => (o.receiptMs ? [o.receiptMs] : [])),
        0.99,
      )} ms; ` +
      `report with evidence p50 ${percentile(
        complete.map((o) => o.completeMs ?? 0),
        0.5,
      )} ms, p99 ${percentile(
        complete.map((o) => o.completeMs ?? 0),
        0.99,
      )} ms; ` +
      `retried requests ${outcomes.reduce((n, o) => n + o.retries, 0)}, reports failed ${outcomes.filter((o) => o.failed).length}`,
  );
}

await buildEverythingStale();
const admin = new pg.Client({ connectionString: adminUrl.toString() });
await admin.connect();
await admin.query(`create database "${databaseName}"`);
const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-cluster-bench-'));
const objectStore = await startS3Server();
let cluster: Cluster | undefined;
const serverErrors: string[] = [];
try {
  cluster = await startCluster({
    replicas: REPLICAS,
    databaseUrl: clusterUrl.toString(),
    dataDir,
    // Evidence and uploads in progress in the object store, so any replica can finish any upload.
    env: { DEMO_LOGIN: '1', LOG_LEVEL: 'error', ...objectStore.env },
    onLog: (replica, line) => serverErrors.push(`${replica}: ${line.slice(0, 200)}`),
  });
  const base = cluster.url;
  const config = (await (await fetch(`${base}/api/v1/config`)).json()) as {
    helplineRecipients: AgeRecipient[];
  };
  const recipients = config.helplineRecipients;

  const capacity = await closedLoop(
    base,
    recipients,
    CONCURRENCY,
    performance.now() + CAPACITY_SECONDS * 1000,
  );
  const capacityRate = capacity.filter((o) => o.completeMs !== undefined).length / CAPACITY_SECONDS;
  summarise(`capacity (${CONCURRENCY} phones in flight, ${CAPACITY_SECONDS} s)`, capacity, CAPACITY_SECONDS);

  const rate = Math.max(1, capacityRate * 0.8);
  const runMs = MINUTES * 60_000;
  const runStart = performance.now();
  const faults: string[] = [];
  const at = (share: number) => sleep(Math.max(0, runStart + runMs * share - performance.now()));
  const faultPlan = (async () => {
    await at(0.2);
    const victim = cluster.replicas[1]!;
    await victim.kill();
    faults.push(`${((performance.now() - runStart) / 1000).toFixed(0)} s: ${victim.name} killed (SIGKILL)`);
    await sleep(10_000);
    await victim.start();
    faults.push(`${((performance.now() - runStart) / 1000).toFixed(0)} s: ${victim.name} restarted`);
    await at(0.5);
    const cut = await cutDatabaseConnections(admin);
    faults.push(`${((performance.now() - runStart) / 1000).toFixed(0)} s: ${cut} database connections cut`);
    await at(0.7);
    await objectStore.stop();
    faults.push(`${((performance.now() - runStart) / 1000).toFixed(0)} s: object store stopped`);
    await sleep(30_000);
    await objectStore.start();
    faults.push(`${((performance.now() - runStart) / 1000).toFixed(0)} s: object store back`);
  })();
  const run = await openLoop(base, recipients, rate, runStart + runMs);
  await faultPlan;
  summarise(`at 80 % (${rate.toFixed(1)} reports/s started for ${MINUTES} min)`, run, MINUTES * 60);
  for (const f of faults) console.log(`  fault at ${f}`);

  const checked = await verify([...capacity, ...run], objectStore.store());
  console.log(
    `verified: ${checked.acknowledged} acknowledged reports; in the queue exactly once ${checked.inQueueOnce}, lost ${checked.lost}, duplicated ${checked.duplicated}; ` +
      `evidence complete and matching ${checked.evidenceComplete}, damaged or missing ${checked.evidenceBad}; ` +
      `unfinished uploads resumable ${checked.resumable}, not resumable ${checked.notResumable}; ` +
      `${checked.rowsInDatabase} report rows, ${checked.stillReceiving} still receiving evidence`,
  );
  const failedReports = run.filter((o) => o.failed).length;
  const reasons = new Map<string, number>();
  for (const o of [...capacity, ...run])
    if (o.failed) reasons.set(o.failed, (reasons.get(o.failed) ?? 0) + 1);
  for (const [reason, n] of [...reasons].slice(0, 5)) console.log(`  failed ${n}x: ${reason}`);
  console.log(
    `errors a phone could not get past: ${failedReports} (target 0); server error lines logged: ${serverErrors.length}`,
  );
  for (const line of serverErrors.slice(0, 5)) console.log(`  ${line}`);
  if (checked.lost > 0 || checked.duplicated > 0 || checked.evidenceBad > 0 || checked.notResumable > 0)
    process.exitCode = 1;
} finally {
  await cluster?.stop();
  await admin.query(`drop database if exists "${databaseName}" with (force)`);
  await admin.end();
  await objectStore.close();
  rmSync(dataDir, { recursive: true, force: true });
}

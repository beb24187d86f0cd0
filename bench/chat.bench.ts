// Live chat relay under load: 200 chats open at once on one server process, each with its own
// server-sent-event stream, on loopback. Every chat sends ROUNDS messages (all chats at once in each
// round); the latency is from the POST leaving to the message arriving on that chat's stream. Next to
// it, measured in the same run: the POST's own answer time (HTTP, checks and the stored row), which the
// stream can never beat; the ratio is what fan-out adds. Memory per open chat is the rise of the
// process's memory with the streams open, divided by the chats; client and server share the process
// here, so it is an upper bound for the server. Bounded: ROUNDS × CHATS messages, then it stops.
// `npm run bench -- chat`. BENCH_DB=postgres uses DATABASE_URL (default: the embedded database).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateIdentity, generateSigningKey, sealJson, toBase64 } from '@vangnet/crypto';
import { loadActivePack } from '../apps/server/src/active-pack.ts';
import { type AppDeps, buildApp } from '../apps/server/src/app.ts';
import { LocalDiskBlobStore } from '../apps/server/src/blobs/local-disk-blob-store.ts';
import { loadConfig, repoRoot } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/open-database.ts';
import { openSse, type SseStream } from '../apps/server/test/support/sse-client.ts';

const CHATS = Number(process.env.BENCH_CHATS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const kind = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'pglite';

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-bench-chat-'));
const pgSchema = kind === 'postgres' ? `bench_${randomBytes(4).toString('hex')}` : undefined;
const database = await openDatabase({
  dataDir,
  ...(kind === 'postgres'
    ? { databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', pgSchema }
    : {}),
});
const deps: AppDeps = {
  config: { ...loadConfig({ LOG_LEVEL: 'silent' }), dataDir },
  db: database.db,
  blobs: new LocalDiskBlobStore(join(dataDir, 'blobs')),
  pack: await loadActivePack(join(repoRoot, 'country-packs/NL')),
  signingKey: generateSigningKey(),
  // One client address makes every request here; the limiter would measure itself.
  limits: { perIpPerMinute: 1e9 },
};
const app = await buildApp(deps);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const helpline = await generateIdentity();
const child = await generateIdentity();
// One sealed message reused with new ids: sealing is the device's work, not the relay's.
const sealed = toBase64(
  await sealJson({ version: 1, text: 'Ze pesten me in de groepsapp.' }, [
    helpline.recipient,
    child.recipient,
  ]),
);

type Chat = { id: string; auth: Record<string, string>; stream: SseStream; arrived: Map<string, number> };
const chats: Chat[] = [];
for (let i = 0; i < CHATS; i++) {
  const id = randomUUID();
  const auth = { authorization: `Bearer ${randomBytes(32).toString('hex')}` };
  const res = await fetch(`${url}/api/v1/chats`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ chatId: id, childRecipient: child.recipient, lang: 'nl' }),
  });
  if (res.status !== 201) throw new Error(`start chat: ${res.status}`);
  chats.push({ id, auth, stream: undefined as never, arrived: new Map() });
}

globalThis.gc?.();
const before = process.memoryUsage();
for (const chat of chats) {
  chat.stream = await openSse(`${url}/api/v1/chats/${chat.id}/events`, chat.auth, (event) => {
    if (event.event === 'message')
      chat.arrived.set((JSON.parse(event.data) as { clientId: string }).clientId, performance.now());
  });
}
globalThis.gc?.();
const after = process.memoryUsage();

const delivery: number[] = [];
const acked: number[] = [];
/** Arrival on the stream minus the POST's answer: what the fan-out adds (negative: it came first). */
const fanOut: number[] = [];
let lost = 0;
const started = performance.now();
for (let round = 0; round < ROUNDS; round++) {
  await Promise.all(
    chats.map(async (chat) => {
      const clientId = `bench-${round}-${randomBytes(4).toString('hex')}`;
      const sent = performance.now();
      const res = await fetch(`${url}/api/v1/chats/${chat.id}/messages`, {
        method: 'POST',
        headers: { ...chat.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId, sealed }),
      });
      const answered = performance.now();
      acked.push(answered - sent);
      if (res.status !== 201) throw new Error(`send: ${res.status}`);
      // Wait (bounded) for the stream to bring it.
      const deadline = performance.now() + 10_000;
      while (!chat.arrived.has(clientId) && performance.now() < deadline)
        await new Promise((r) => setTimeout(r, 1));
      const at = chat.arrived.get(clientId);
      if (at === undefined) lost++;
      else {
        delivery.push(at - sent);
        fanOut.push(at - answered);
      }
    }),
  );
}
const seconds = (performance.now() - started) / 1000;

for (const chat of chats) chat.stream.close();
await app.close();
await database.close();
rmSync(dataDir, { recursive: true, force: true });

const perChat = (after.rss - before.rss) / CHATS;
const heapPerChat = (after.heapUsed - before.heapUsed) / CHATS;
const p50 = quantile(delivery, 0.5);
const p99 = quantile(delivery, 0.99);
const ackP50 = quantile(acked, 0.5);
const ackP99 = quantile(acked, 0.99);
console.log(
  `database: ${kind}; ${CHATS} chats with an open stream each; ${ROUNDS} rounds; ${CHATS * ROUNDS} messages in ${seconds.toFixed(1)} s (${((CHATS * ROUNDS) / seconds).toFixed(0)}/s)`,
);
console.table([
  {
    measure: 'message on the stream (send → arrival)',
    p50: ms(p50),
    p99: ms(p99),
    'ratio p50': (p50 / ackP50).toFixed(2),
    'ratio p99': (p99 / ackP99).toFixed(2),
  },
  {
    measure: 'reference: the POST answered (stored)',
    p50: ms(ackP50),
    p99: ms(ackP99),
    'ratio p50': '1.00',
    'ratio p99': '1.00',
  },
]);
console.log(
  `fan-out after the answer: p50 ${ms(quantile(fanOut, 0.5))}, p99 ${ms(quantile(fanOut, 0.99))}; lost: ${lost} of ${CHATS * ROUNDS}; load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)} on ${(await import('node:os')).availableParallelism()} cores`,
);
console.log(
  `memory per open chat: ${(perChat / 1024).toFixed(1)} KiB RSS, ${(heapPerChat / 1024).toFixed(1)} KiB heap (client and server in one process: an upper bound)`,
);
if (lost > 0) process.exit(1);

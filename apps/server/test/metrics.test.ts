import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../src/db/schema/index.ts';
import { enqueueJob } from '../src/jobs/queue.ts';
import { SLA_ESCALATE_QUEUE } from '../src/jobs/sla-watch.ts';
import { readQueueFigures } from '../src/metrics/queue-figures.ts';
import { startServer } from '../src/server.ts';
import { addHelpline, addVisibleReport } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { addHelplineKey, prepareReport, submit, uploadItem } from './support/reporter-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

// Prometheus metrics: served only when configured, and no label names a person.

const TOKEN = 'metrics-token-0123456789abcdef0123456789';

/** Every sample of an exposition text: name, labels, value. */
function samples(text: string) {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, name, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
        labels[name!] = value!;
      }
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/**
 * The only label names any metric may have: ours (method, route template, status code, job queue) and
 * prom-client's process metrics. None can hold personal data.
 */
const ALLOWED_LABELS = new Set([
  ...['method', 'route', 'status', 'queue', 'le'],
  // prom-client: nodejs_version_info, GC kind, heap space, active handle/resource type (TCPWRAP, Timeout…).
  ...['version', 'major', 'minor', 'patch', 'kind', 'space', 'type'],
]);

describe('metrics not configured', () => {
  it('/metrics does not exist', async () => {
    const t = await startTestApp('pglite');
    try {
      expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});

describe('metrics with METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', {}, undefined, { METRICS_TOKEN: TOKEN });
    await addHelplineKey(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const scrape = (authorization?: string) =>
    t.app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });

  it('needs the token: without it or with another one, 401 problem+json and nothing else', async () => {
    for (const auth of [undefined, 'Bearer wrong', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const response = await scrape(auth);
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(response.body).not.toContain('vangnet_');
    }
  });

  it('counts intake, upload bytes, queue and jobs; every label is from the allowed set and holds no id, token or data', async () => {
    const prepared = await prepareReport(t, { items: [new Uint8Array(40_000)] });
    const created = await submit(t, prepared.request);
    expect(created.statusCode).toBe(201);
    const { reportId } = created.json() as { reportId: string };
    const item = prepared.items[0]!;
    expect((await uploadItem(t, prepared.keys.accessToken, reportId, item.id, item.sealed)).status).toBe(204);
    // Requests whose URLs carry ids: only their templates may show.
    await t.app.inject({ url: `/api/v1/staff/cases/${reportId}` });
    await t.app.inject({ url: `/no/such/${reportId}` });

    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const all = samples(response.body);
    const value = (name: string, labels: Record<string, string> = {}) =>
      all.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

    expect(value('vangnet_reports_received_total')).toBe(1);
    expect(value('vangnet_upload_bytes_total')).toBe(item.sealed.byteLength);
    expect(value('vangnet_queue_waiting_cases')).toBe(1);
    expect(value('vangnet_queue_oldest_waiting_seconds')).toBeGreaterThanOrEqual(0);
    expect(value('vangnet_sla_first_contact_breaches')).toBe(0);
    expect(
      value('vangnet_http_requests_total', { method: 'POST', route: '/api/v1/reports', status: '201' }),
    ).toBe(1);
    expect(value('vangnet_http_requests_total', { method: 'GET', route: '/api/v1/staff/cases/:id' })).toBe(1);
    expect(value('vangnet_http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
    expect(all.some((s) => s.name === 'process_resident_memory_bytes')).toBe(true);

    // The label set: names from the allowed list only; values never an id, a token, an address or data.
    const labelNames = new Set(all.flatMap((s) => Object.keys(s.labels)));
    for (const name of labelNames) expect(ALLOWED_LABELS).toContain(name);
    const routes = new Set(all.flatMap((s) => (s.labels.route ? [s.labels.route] : [])));
    for (const route of routes)
      expect(route === 'unmatched' || /^\/[a-z0-9/:._*-]*$/i.test(route)).toBe(true);
    for (const route of routes) expect(route).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}|[0-9a-f]{32}/);
    const queues = new Set(all.flatMap((s) => (s.labels.queue ? [s.labels.queue] : [])));
    for (const queue of queues) expect(queue).toMatch(/^[a-z][a-z0-9.-]*$/);
    for (const secret of [
      reportId,
      item.id,
      prepared.keys.accessToken,
      prepared.code,
      TOKEN,
      '127.0.0.1',
      'harassment',
      'instagram',
    ]) {
      expect(response.body).not.toContain(secret);
    }
  });
});

describe('metrics on a port of their own (METRICS_PORT)', () => {
  it('serves /metrics there without a token, nothing else there, and no /metrics on the main port', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-metrics-'));
    const server = await startServer({
      port: 0,
      dataDir,
      logLevel: 'silent',
      serveApps: false,
      metrics: { port: 0, host: '127.0.0.1' },
    });
    try {
      expect(server.metricsUrl).toBeDefined();
      const metrics = await fetch(`${server.metricsUrl}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('vangnet_jobs_backlog');
      expect((await fetch(`${server.metricsUrl}/api/v1/config`)).status).toBe(404);
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.each(databaseKinds())('queue figures on %s', (kind) => {
  it('counts due, dead and breached work from the database', async () => {
    const t = await startTestApp(kind);
    try {
      const { db } = t.deps;
      const now = new Date();
      const helpline = await addHelpline(db, 'NL');
      const waiting = await addVisibleReport(db, t.deps.blobs, helpline, {
        visibleAt: new Date(now.getTime() - 3 * 3600_000),
      });
      // Its escalation came due an hour ago and nobody has contacted the reporter: one breach.
      await enqueueJob(
        db,
        SLA_ESCALATE_QUEUE,
        { caseId: waiting.id, kind: 'first-contact' },
        {
          runAt: new Date(now.getTime() - 3600_000),
        },
      );
      await enqueueJob(db, 'retention.run', {}, { runAt: new Date(now.getTime() + 3600_000) });
      const dead = await enqueueJob(db, 'referrals.deliver', {}, { runAt: new Date(now.getTime() - 60_000) });
      await db.update(jobs).set({ deadAt: now }).where(eq(jobs.id, dead.id));

      const figures = await readQueueFigures(db, now);
      expect(figures.waitingCases).toBe(1);
      expect(Math.round(figures.oldestWaitingSeconds)).toBe(3 * 3600);
      expect(figures.firstContactBreaches).toBe(1);
      expect(figures.jobs.find((j) => j.queue === SLA_ESCALATE_QUEUE)).toMatchObject({ due: 1, dead: 0 });
      expect(Math.round(figures.jobs.find((j) => j.queue === SLA_ESCALATE_QUEUE)!.oldestDueSeconds)).toBe(
        3600,
      );
      expect(figures.jobs.find((j) => j.queue === 'retention.run')).toMatchObject({ due: 0, dead: 0 });
      expect(figures.jobs.find((j) => j.queue === 'referrals.deliver')).toMatchObject({ due: 0, dead: 1 });
    } finally {
      await t.close();
    }
  });
});

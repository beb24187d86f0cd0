import { randomBytes } from 'node:crypto';
import { generateIdentity, sealJson, toBase64 } from '@vangnet/crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runDueJobs } from '../src/jobs/worker.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { earlyWarningHandlers, scheduleEarlyWarnings } from '../src/statistics/early-warnings.ts';
import type { RiseNotify } from '../src/statistics/rise-notices.ts';
import { addHelpline, addWorker, signInAs } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * Early warnings (issue 12, the data loop): eight quiet weeks of TikTok sextortion reports and a steady
 * Instagram harassment series go in through the real intake route (clock moved back week by week); then a
 * week with a sharp rise. The daily job flags the rise and only it, once however often it runs; analysts
 * and supervisors see it, only a supervisor decides on it, and a case worker sees nothing. The supervisors
 * get one content-free e-mail (a real SMTP server on loopback); a release sends the pack's prevention
 * partner a k-anonymous signal through its e-mail connector, once.
 */
const DAY = 86_400_000;

describe.each(databaseKinds())('early warnings on %s', (kind) => {
  let t: TestApp;
  const now = new Date();
  const cookies: Record<string, string> = {};
  const emails: Record<string, string> = {};
  let sink: SmtpSink;
  let notify: RiseNotify;
  const runJobs = (at = now) =>
    runDueJobs({
      db: t.deps.db,
      handlers: earlyWarningHandlers(t.deps.db, t.deps.pack, notify),
      clock: () => at,
    });

  beforeAll(async () => {
    sink = await startSmtpSink();
    notify = { mail: { url: sink.url, from: 'vangnet@test.example' }, publicUrl: 'https://vangnet.test' };
    t = await startTestApp(kind, { limits: { perIpPerMinute: 1e9, submissionsPerIpPerHour: 1e9 } });
    const helplineId = await ensureHelpline(t.deps.db, t.deps.pack);
    const helpline = await addHelpline(t.deps.db, 'NL', helplineId);
    for (const role of ['supervisor', 'analyst', 'caseworker'] as const) {
      const worker = await addWorker(t.deps.db, helpline, role);
      emails[role] = worker.email;
      cookies[role] = (await signInAs(t.app, worker)).cookie;
    }
    const reporter = await generateIdentity();
    const body = toBase64(
      await sealJson(
        { version: 1, description: 'x', links: [], language: 'nl', manifest: { version: 1, items: [] } },
        [reporter.recipient],
      ),
    );
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const send = async (at: number, platform: string, category: string) => {
      vi.setSystemTime(at);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: { 'idempotency-key': randomBytes(16).toString('hex') },
        payload: {
          metadata: {
            country: 'NL',
            category,
            platform,
            role: 'self',
            ageBand: '13-15',
            flags: { ongoing: true, danger: false, selfHarm: false, imageAbuse: false },
          },
          reporter: { recipient: reporter.recipient, accessTokenHash: randomBytes(32).toString('hex') },
          body,
          items: [],
        },
      });
      expect(res.statusCode).toBe(201);
    };
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (let week = 8; week >= 1; week--) {
        const start = today - (week + 1) * 7 * DAY + DAY / 2;
        await send(start, 'tiktok', 'sextortion');
        await send(start + 2 * DAY, 'tiktok', 'sextortion');
        for (let i = 0; i < 4; i++) await send(start + i * DAY, 'instagram', 'harassment');
      }
      const thisWeek = today - 7 * DAY + DAY / 2;
      for (let i = 0; i < 14; i++) await send(thisWeek + (i % 6) * DAY, 'tiktok', 'sextortion');
      for (let i = 0; i < 4; i++) await send(thisWeek + i * DAY, 'instagram', 'harassment');
    } finally {
      vi.useRealTimers();
    }
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const get = (role: string) =>
    t.app.inject({ url: '/api/v1/staff/early-warnings', headers: { cookie: cookies[role] ?? '' } });

  it('the daily job flags the rise once, and only the rise', async () => {
    for (let run = 0; run < 2; run++) {
      await scheduleEarlyWarnings(t.deps.db, now);
      await runJobs();
    }
    const res = await get('supervisor');
    expect(res.statusCode).toBe(200);
    const { rises } = res.json() as {
      rises: { series: string; dimension: string; current: number; expected: number }[];
    };
    // The same fourteen reports rise in both series they belong to; steady Instagram harassment does not.
    expect(rises.map((r) => `${r.dimension} ${r.series}`).sort()).toEqual([
      'ageBand×category 13-15|sextortion',
      'platform×category tiktok|sextortion',
    ]);
    expect(rises[0]).toMatchObject({ current: 14, expected: 2 });
    // One mail, to the supervisor only, however often the job ran; it names no series and no figure.
    expect(sink.mails.map((m) => m.to)).toEqual([[emails.supervisor]]);
    const mail = sink.mails[0]!.raw;
    expect(mail).toContain('https://vangnet.test/console/figures');
    expect(mail).toContain('2 unusual rises');
    const body = mail.slice(mail.indexOf('\r\n\r\n'));
    expect(body).not.toMatch(/tiktok|sextortion|13-15|\b14\b/i);
  });

  it('analysts see rises but cannot decide; case workers see nothing; a supervisor releases', async () => {
    expect((await get('analyst')).statusCode).toBe(200);
    expect((await get('caseworker')).statusCode).toBe(403);
    const { rises } = (await get('supervisor')).json() as { rises: { id: string }[] };
    const id = rises[0]?.id ?? '';
    const decide = (role: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/staff/early-warnings/${id}/decision`,
        headers: { cookie: cookies[role] ?? '' },
        payload: { decision: 'released' },
      });
    expect((await decide('analyst')).statusCode).toBe(403);
    expect((await decide('supervisor')).json()).toEqual({ id, status: 'released' });
    expect((await decide('supervisor')).statusCode).toBe(404);
    expect(((await get('supervisor')).json() as { rises: unknown[] }).rises).toHaveLength(1);
    // The release queued one signal for the pack's prevention partner; it goes out once.
    sink.mails.length = 0;
    await runJobs(new Date());
    await runJobs(new Date());
    expect(sink.mails.map((m) => m.to)).toEqual([['signalen@preventie.example.invalid']]);
    const signal = sink.mails[0]!.raw.replace(/=\r?\n/g, '');
    expect(signal).toMatch(/Reports of sextortion (on tiktok|from children aged 13-15) more than doubled/);
    expect(signal).toContain('14 reports, against 2 in a usual week');
  });

  it('analysts and supervisors read the helpline\'s own "did this help?" figures; case workers do not', async () => {
    const read = (role: string) =>
      t.app.inject({ url: '/api/v1/staff/statistics/feedback', headers: { cookie: cookies[role] ?? '' } });
    const res = await read('analyst');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { k: number; quarters: string[]; feedback: Record<string, unknown> };
    expect(body.k).toBe(10);
    expect(Object.keys(body.feedback).sort()).toEqual(['fastEnough', 'heard', 'helped']);
    expect((await read('caseworker')).statusCode).toBe(403);
  });
});

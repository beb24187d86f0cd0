import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
import { axe, heading, phoneContext, type ReportServer, startReportServer } from './support/report-app.ts';
import { catalogs } from './support/report-walk.ts';

// Issue 16: outside opening hours (the browser's clock set by the test) the child sees the next opening
// time and the crisis lines, never a dead end; inside hours with nobody free, the queue position and
// the offer to leave a message instead, which leads into the ordinary report flow.
const t = catalogs.nl;
const packDir = mkdtempSync(join(tmpdir(), 'vangnet-chat-pack-'));
let app: ReportServer;
let browser: Browser;

beforeAll(async () => {
  // The NL pack with chat hours: weekdays 14:00–20:00 Amsterdam time, one chat per counsellor.
  cpSync(fileURLToPath(new URL('../country-packs/NL', import.meta.url)), packDir, { recursive: true });
  const meta = join(packDir, 'pack.yaml');
  writeFileSync(
    meta,
    `${readFileSync(meta, 'utf8')}\nliveChat:\n  hours:\n    - { days: [mon, tue, wed, thu, fri], open: '14:00', close: '20:00' }\n  capacityPerCounsellor: 1\n  offerMessageAfterMinutes: 5\n`,
  );
  app = await startReportServer({ countryPackDir: packDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(packDir, { recursive: true, force: true });
});

describe('live chat hours and capacity', () => {
  it('on Saturday the child sees when the chat opens again (Monday 14:00) and the crisis lines', async () => {
    const context = await phoneContext(browser, 'nl-NL');
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date('2026-12-05T12:00:00Z'));
    await page.goto(app.url);
    await page.getByRole('button', { name: new RegExp(t.chatNow) }).click();
    const closed = page.getByTestId('chat-closed');
    await expect.poll(() => closed.innerText()).toContain(t.chatClosed);
    await expect.poll(() => closed.innerText()).toMatch(/maandag.*14:00/);
    const lines = page.getByTestId('chat-crisis-lines');
    await expect.poll(() => lines.locator('a.call').count()).toBeGreaterThan(0);
    await expect.poll(() => lines.innerText()).toContain('113');
    expect(await page.getByRole('button', { name: t.chatStart }).count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it('in hours with nobody free: the queue position and "leave a message", which becomes a report', async () => {
    const context = await phoneContext(browser, 'nl-NL');
    const page = await context.newPage();
    // Tuesday 15:00 in Amsterdam.
    await page.clock.setFixedTime(new Date('2026-12-01T14:00:00Z'));
    await page.goto(app.url);
    await page.getByRole('button', { name: new RegExp(t.chatNow) }).click();
    await expect.poll(() => page.getByTestId('chat-full').innerText()).toBe(t.chatFull(0));
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: t.chatJoinQueue }).click();
    await page.getByText(t.chatWaiting(1)).waitFor();
    await page.getByRole('button', { name: t.chatLeaveMessage }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: t.chatLeaveMessage }).click();
    await expect.poll(() => heading(page)).toBe(t.whoTitle);
    await context.close();
  });
});

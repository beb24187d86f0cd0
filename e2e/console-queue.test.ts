import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axe,
  type ConsoleServer,
  DESKTOP,
  ensureConsoleBuilt,
  type SubmittedReport,
  shot,
  signIn,
  startConsoleServer,
  submitReport,
} from './console-fixtures.ts';
import { launchBrowser, MOBILE_VIEWPORT } from './support/browser.ts';

// The queue with the keyboard alone, new cases arriving without a reload, and the lock after
// inactivity that drops the key from memory.
let server: ConsoleServer;
let browser: Browser;
let page: Page;
const reports: SubmittedReport[] = [];

beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startConsoleServer();
  browser = await launchBrowser();
  for (const category of ['harassment', 'exclusion', 'hate'] as const) {
    reports.push(await submitReport(server.url, { metadata: { category } }));
  }
  page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const focusedCase = () =>
  page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-case-id') ?? null);

describe('console: the queue', () => {
  it('refuses a wrong password without saying which part was wrong', async () => {
    await page.goto(`${server.url}/console/`);
    await page.getByLabel('Work e-mail').fill(server.login.email);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Password').fill('wrong-password-here');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Code from your authenticator app').fill('000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toBe('The e-mail, password or code is not right.');
    // Back at the password step, the e-mail kept.
    await page.getByLabel('Password').waitFor();
  });

  it('is usable with the keyboard alone: Tab in, j/k and arrows move, t takes, Enter opens', async () => {
    await signIn(page, server);
    await page.locator('table.cases tbody tr').nth(2).waitFor();
    const order = reports.map((r) => r.reportId);
    await expect
      .poll(() =>
        page
          .locator('table.cases tbody tr')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id'))),
      )
      .toEqual(order);

    // Tab from the top of the page until focus lands in the table: one stop for the whole table.
    await page.locator('body').focus();
    for (let i = 0; i < 20 && (await focusedCase()) === null; i++) await page.keyboard.press('Tab');
    await expect.poll(focusedCase).toBe(order[0]);
    await page.keyboard.press('j');
    await expect.poll(focusedCase).toBe(order[1]);
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedCase).toBe(order[2]);
    await page.keyboard.press('k');
    await expect.poll(focusedCase).toBe(order[1]);

    await page.keyboard.press('t');
    await expect.poll(() => page.locator(`tr[data-case-id="${order[1]}"]`).innerText()).toContain('Yours');
    const assigned = await fetch(`${server.url}/api/v1/staff/cases?assignee=me`, {
      headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    expect(((await assigned.json()) as { cases: { id: string }[] }).cases.map((c) => c.id)).toEqual([
      order[1],
    ]);

    await page.keyboard.press('Enter');
    await page.waitForURL(`**/console/cases/${order[1]}`);
    await page.locator('.report-text').waitFor();
    await page.goBack();
    await page.locator('table.cases tbody tr').first().waitFor();
  });

  it('filters by assignee and category, and shows new cases without a reload', async () => {
    await page.getByLabel('Assigned to').selectOption('me');
    await expect.poll(() => page.locator('table.cases tbody tr').count()).toBe(1);
    await page.getByLabel('Assigned to').selectOption('');
    await page.getByLabel('Category').selectOption('hate');
    await expect.poll(() => page.locator('table.cases tbody tr').count()).toBe(1);
    await page.getByLabel('Category').selectOption('');

    const fresh = await submitReport(server.url, {
      metadata: {
        category: 'self-harm',
        flags: { ongoing: true, danger: false, selfHarm: true, imageAbuse: false },
      },
    });
    // Urgent: it goes straight to the top, announced politely for screen readers.
    await expect
      .poll(() => page.locator('table.cases tbody tr').first().getAttribute('data-case-id'), {
        timeout: 20_000,
      })
      .toBe(fresh.reportId);
    await expect
      .poll(() => page.locator('[aria-live="polite"]').first().innerText())
      .toContain('1 new case arrived');
    expect(await axe(page)).toEqual([]);
  });

  it('fits a phone screen without axe violations', async () => {
    await page.setViewportSize(MOBILE_VIEWPORT);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'queue-phone');
    await page.setViewportSize(DESKTOP);
  });

  it('locks after inactivity, drops the key and unlocks with the password', async () => {
    // A fresh page with a 3-second lock (the default is 10 minutes): sign in again.
    page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await signIn(page, server, '/console/?lockAfter=3000');
    await page.getByRole('heading', { name: 'Console locked' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('table.cases').count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'locked');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Password').fill(server.login.password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'Open cases' }).waitFor();
  });
});

import { desc } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleCatalogs } from '../apps/console/src/i18n/compile-in-node.ts';
import { platformNotices } from '../apps/server/src/db/schema/index.ts';
import { type SmtpSink, startSmtpSink } from '../apps/server/test/support/smtp-sink.ts';
import {
  type ConsoleServer,
  axe as consoleAxe,
  shot as consoleShot,
  DESKTOP,
  ensureConsoleBuilt,
  signIn,
} from './console-fixtures.ts';
import { launchBrowser } from './support/browser.ts';
import {
  axe,
  heading,
  phoneContext,
  type ReportServer,
  shot,
  startReportServer,
} from './support/report-app.ts';
import { catalogs, sendFromReview, walkToReview } from './support/report-walk.ts';

/**
 * Issue 11, "Trusted-flagger notices from the console": a child reports in Dutch about Instagram → a
 * worker opens the case, and with the keyboard alone sends the notice the browser composed, by e-mail
 * to a real SMTP server on loopback → the server's clock is moved two days on and the worker records
 * Instagram's decision → the supervisor's platform table shows the response time → the child, with the
 * code, reads in plain Dutch that Instagram removed it. The new screens pass axe in en, nl, fr and de.
 */
const t = catalogs.nl;
const DAY = 24 * 3_600_000;
const CHILD_WORDS = 'Ze zetten mijn foto online met gemene woorden.';
const LINK = 'https://www.instagram.com/p/vangnet-e2e-123';
let app: ReportServer;
let sink: SmtpSink;
let browser: Browser;
let worker: Page;
let code = '';
/** How far the server's clock stands ahead of the real one. */
let offset = 0;

beforeAll(async () => {
  ensureConsoleBuilt();
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  process.env.MAIL_FROM = 'meldingen@helpwanted.test';
  app = await startReportServer({ clock: () => new Date(Date.now() + offset) });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await sink?.close();
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
});

const server = (): Pick<ConsoleServer, 'url' | 'login'> => ({
  url: app.url,
  login: app.server.demoLogin as unknown as ConsoleServer['login'],
});

const focused = () =>
  worker.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return { id: el?.id ?? '', text: el?.textContent ?? '' };
  });
/** Tab until the focused element matches, as a keyboard user would (fails after 60 presses). */
async function tabTo(
  match: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  key: 'Tab' | 'Shift+Tab' = 'Tab',
): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (match(await focused())) return;
    await worker.keyboard.press(key);
  }
  throw new Error(`focus never got there; now on ${JSON.stringify(await focused())}`);
}

describe('trusted-flagger notice: sent, answered, measured, told to the child', () => {
  it('a child reports in Dutch about Instagram, with a link', async () => {
    const context = await phoneContext(browser, 'nl-NL');
    const page = await context.newPage();
    await page.goto(app.url);
    await walkToReview(page, { t, story: CHILD_WORDS, links: LINK, pin: '4821', platform: 'Instagram' });
    code = await sendFromReview(page, { t });
    expect(code).toMatch(/^(\d{3} ){6}\d{3}$/);
    await context.close();
  });

  it('the worker sends the notice composed in the browser, keyboard only, by e-mail', async () => {
    worker = await (await browser.newContext({ viewport: DESKTOP, timezoneId: 'UTC' })).newPage();
    await signIn(worker, server());
    await worker.locator('table.cases tbody tr a').first().click();
    await worker.getByRole('heading', { name: 'Notice to the platform' }).waitFor();
    const contact = worker.getByTestId('notice-contact');
    await expect
      .poll(() => contact.innerText())
      .toBe(
        'Sent by e-mail to Instagram: dsa-notices@instagram.example.invalid. This address is not yet confirmed in the country pack.',
      );
    const notice = worker.getByLabel('Notice text');
    await expect.poll(() => notice.inputValue()).toContain(CHILD_WORDS);
    const composed = await notice.inputValue();
    expect(composed).toContain(`- ${LINK}`);
    expect(composed).toContain('Helpwanted, trusted flagger.');
    expect(composed).toMatch(/DSA Transparency Database: STATEMENT_CATEGORY_\w+ \/ KEYWORD_\w+/);
    expect(await consoleAxe(worker)).toEqual([]);

    // Without consent nothing goes out.
    await worker.locator('#notice-text').focus();
    await tabTo((f) => f.text === 'Send notice');
    await worker.keyboard.press('Enter');
    await expect
      .poll(() => worker.getByRole('alert').innerText())
      .toBe('Record the reporter’s consent first.');
    expect(sink.mails).toHaveLength(0);

    await worker.locator('#notice-text').focus();
    await tabTo((f) => f.id === 'notice-consent');
    await worker.keyboard.press('Space');
    await tabTo((f) => f.text === 'Send notice');
    await worker.keyboard.press('Enter');
    await expect.poll(() => worker.locator('.notice-status').innerText()).toBe('Notice sent to Instagram.');
    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0]!;
    expect(mail.to).toEqual(['dsa-notices@instagram.example.invalid']);
    expect(mail.raw).toContain('trusted flagger');
    expect(mail.raw).toContain('vangnet-e2e-123');
    const item = worker.locator('.platform-notices li').first();
    await expect.poll(() => item.innerText()).toContain('No answer recorded yet.');
    expect(await consoleAxe(worker)).toEqual([]);
  });

  it('two days later the worker records Instagram’s decision, keyboard only', async () => {
    offset = 2 * DAY;
    const [sent] = await app.server.deps.db
      .select()
      .from(platformNotices)
      .orderBy(desc(platformNotices.sentAt))
      .limit(1);
    // The platform's e-mail: received an hour after sending, decided two days after. UTC in this browser.
    const local = (ms: number) => new Date(sent!.sentAt.getTime() + ms).toISOString().slice(0, 16);
    await worker.getByRole('heading', { name: 'Record the platform’s answer' }).waitFor();
    // The answer form closes once an answer is recorded, so it is checked in every console language now.
    for (const lang of ['nl', 'fr', 'de', 'en'] as const) {
      await worker.locator('#console-language').selectOption(lang);
      await worker.getByRole('heading', { name: consoleCatalogs[lang].notices.answerTitle }).waitFor();
      expect(await consoleAxe(worker)).toEqual([]);
    }
    await worker.locator('.platform-notices li').first().focus();
    await tabTo((f) => f.id.endsWith('-received'));
    await worker.locator(':focus').fill(local(3_600_000));
    await tabTo((f) => f.id.endsWith('-decided'));
    await worker.locator(':focus').fill(local(2 * DAY));
    await tabTo((f) => f.id.endsWith('-sor'));
    await worker.keyboard.type('not an id');
    await tabTo((f) => f.text === 'Save the answer');
    await worker.keyboard.press('Enter');
    await expect
      .poll(() => worker.getByRole('alert').innerText())
      .toContain('That does not look like a statement of reasons id.');
    // The alert leaves focus on Save; back up to the id with Shift+Tab.
    await expect.poll(focused).toMatchObject({ text: 'Save the answer' });
    await tabTo((f) => f.id.endsWith('-sor'), 'Shift+Tab');
    await worker.keyboard.press('ControlOrMeta+A');
    await worker.keyboard.type('8e3f1c2a-55b6-4c8e-9d0f-1a2b3c4d5e6f');
    await tabTo((f) => f.text === 'Save the answer');
    await worker.keyboard.press('Enter');
    const item = worker.locator('.platform-notices li').first();
    await expect.poll(() => item.getAttribute('data-outcome')).toBe('removed');
    await expect.poll(() => item.innerText()).toContain('Removed, decided');
    await expect.poll(() => item.innerText()).toContain('8e3f1c2a-55b6-4c8e-9d0f-1a2b3c4d5e6f');
    expect(await consoleAxe(worker)).toEqual([]);
    await worker.getByRole('heading', { name: 'Notice to the platform' }).scrollIntoViewIfNeeded();
    await consoleShot(worker, 'case-platform-notice');
  });

  it('the supervisor’s platform table shows the time to decision, with the DSA label', async () => {
    await worker.getByRole('link', { name: 'Supervisor', exact: true }).click();
    const row = worker.locator('table.platform-figures tr[data-platform="instagram"]');
    await row.waitFor();
    const cells = await row.locator('th, td').allInnerTexts();
    // Platform, category, DSA label, sent, answered, median, p90, acted on.
    expect(cells[0]).toBe('Instagram');
    expect(cells[2]).toMatch(/^KEYWORD_\w+$/);
    expect(cells.slice(3)).toEqual(['1', '100%', '48 h', '48 h', '100%']);
    expect(await consoleAxe(worker)).toEqual([]);
    await consoleShot(worker, 'supervisor-platform-figures');
  });

  it.each(['nl', 'fr', 'de', 'en'] as const)(
    'in %s, the platform table and the case’s notice panel have no axe violations',
    async (lang) => {
      const words = consoleCatalogs[lang];
      await worker.locator('#console-language').selectOption(lang);
      await worker.getByRole('heading', { name: words.supervisor.platformFigures }).waitFor();
      await expect
        .poll(() => worker.getByTestId('median').first().innerText())
        .toBe(words.supervisor.hours(48));
      expect(await consoleAxe(worker)).toEqual([]);
      await worker.locator('a[href$="/console/"]').last().click();
      await worker.locator('table.cases tbody tr a').first().click();
      await worker.getByRole('heading', { name: words.notices.title }).waitFor();
      await expect
        .poll(() => worker.locator('.platform-notices li').first().innerText())
        .toContain(words.notices.outcomes.removed!);
      expect(await consoleAxe(worker)).toEqual([]);
      await worker.getByRole('link', { name: words.supervisor.nav, exact: true }).click();
    },
  );

  it('the child, in a fresh browser with the code, reads that Instagram removed it', async () => {
    const context = await phoneContext(browser, 'nl-NL');
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: new RegExp(t.startFollow) }).click();
    await expect.poll(() => heading(page)).toBe(t.followTitle);
    await page.getByLabel(t.followLabel).fill(code);
    await page.getByRole('button', { name: t.followOpen }).click();
    const timeline = page.getByTestId('timeline');
    await timeline.waitFor({ timeout: 60_000 });
    await expect
      .poll(() => timeline.innerText())
      .toContain('Instagram heeft ons geantwoord: ze hebben het weggehaald.');
    const text = await timeline.innerText();
    for (const raw of ['platform-answered', 'removed', 'KEYWORD_', 'instagram.example']) {
      expect(text).not.toContain(raw);
    }
    expect(await axe(page)).toEqual([]);
    await shot(page, 'follow-timeline-platform-answered-nl');
    await context.close();
  });
});

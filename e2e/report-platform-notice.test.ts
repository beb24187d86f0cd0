import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Messages } from '../apps/report/src/i18n/en.ts';
import { launchBrowser } from './support/browser.ts';
import { axe, phoneContext, type ReportServer, shot, startReportServer } from './support/report-app.ts';
import { catalogs, sendFromReview, tabTo, walkToReview } from './support/report-walk.ts';

// A 13-year-old reports bullying on TikTok; the receipt offers "Report it to TikTok too": the guide's
// steps from the pack, and a DSA Article 16 notice drafted in the browser with every link the child gave,
// copied to the clipboard. While the notice is drafted no request leaves the page. Keyboard only from the
// receipt on; axe on every new screen.
const LINKS = [
  'https://www.tiktok.com/@pester123/video/7301',
  'https://www.tiktok.com/@pester123/video/7302',
];

/**
 * The app's own Permissions-Policy forbids clipboard-read (it only ever writes), so the test reads the
 * clipboard from a second tab on a neutral https page, answered locally by phoneContext's route.
 */
const CLIPBOARD_READER = 'https://clipboard-reader.test';
async function readClipboard(context: BrowserContext): Promise<string> {
  const reader = await context.newPage();
  await reader.goto(`${CLIPBOARD_READER}/`);
  await reader.bringToFront();
  const text = await reader.evaluate(() => navigator.clipboard.readText());
  await reader.close();
  return text;
}

async function reportAndDraft(
  browser: Browser,
  app: ReportServer,
  o: { t: Messages; locale: string; lang: string; name: string },
): Promise<void> {
  const { t } = o;
  const context = await phoneContext(browser, o.locale);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  await context.grantPermissions(['clipboard-read'], { origin: CLIPBOARD_READER });
  const page: Page = await context.newPage();
  await page.goto(app.url);
  await walkToReview(page, {
    t,
    platform: 'TikTok',
    story: 'Ze plaatsen filmpjes over mij.',
    links: `${LINKS[0]}\n${LINKS[1]}`,
  });
  await sendFromReview(page, { t });

  // Keyboard only from here: the receipt's button, the guide, the notice and its Copy button.
  await tabTo(page, (f) => f.tag === 'button' && f.name === t.receiptPlatform('TikTok'));
  await page.keyboard.press('Enter');
  await page.locator('h1', { hasText: t.guideTitle('TikTok') }).waitFor();
  const block = page.getByTestId('guide-block');
  await expect.poll(() => block.getByRole('heading').innerText()).toBe(t.guideActions.block);
  await expect.poll(() => block.getByRole('listitem').count()).toBeGreaterThan(1);
  await expect.poll(() => page.getByTestId('guide-private').isVisible()).toBe(true);
  // The pack's steps are unverified: the "check" note is on show.
  await expect.poll(() => page.getByText(t.guideCheck).isVisible()).toBe(true);
  await expect
    .poll(() => page.getByTestId('guide-report-form').getAttribute('href'))
    .toMatch(/^https:\/\/support\.tiktok\.com\//);
  await page.getByTestId('notice-text').waitFor();
  expect(await axe(page), `axe on the guide (${o.lang})`).toEqual([]);
  await shot(page, `platform-guide-${o.name}`);

  // Drafting: watch every request from here on.
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const extra = 'https://www.tiktok.com/@pester123/video/7303';
  await tabTo(page, (f) => f.tag === 'textarea' && f.name === t.noticeLinks);
  await page.keyboard.press('End');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(`\n${extra}`);
  const text = () => page.getByTestId('notice-text').inputValue();
  for (const url of [...LINKS, extra]) await expect.poll(text).toContain(url);
  await expect.poll(text).toContain(t.notice.goodFaith);
  await expect.poll(text).toContain(t.notice.notifierAnonymous);
  await expect.poll(text).toContain(t.notice.subject('TikTok'));
  await tabTo(page, (f) => f.tag === 'button' && f.name === t.noticeCopy);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('status').innerText()).toBe(t.noticeCopied);
  expect(requests).toEqual([]);
  expect(await axe(page), `axe after copying (${o.lang})`).toEqual([]);
  await shot(page, `platform-notice-${o.name}`);
  const copied = await readClipboard(context);
  for (const url of [...LINKS, extra]) expect(copied).toContain(url);
  expect(copied).toBe(await text());

  // TikTok's entry in the pack has no help page on blocking; Instagram's has: the guide links to it.
  await expect.poll(() => page.getByTestId('guide-block-help').count()).toBe(0);
  await page.locator('#guide-platform').selectOption('instagram');
  await page.locator('h1', { hasText: t.guideTitle('Instagram') }).waitFor();
  await expect
    .poll(() => page.getByRole('link', { name: t.guideBlockHelp('Instagram') }).getAttribute('href'))
    .toBe('https://help.instagram.com/426700567389543');
  expect(await axe(page), `axe on the Instagram guide (${o.lang})`).toEqual([]);
  await context.close();
}

describe('reporter app: "report it to the platform too"', () => {
  describe('NL pack, Dutch', () => {
    let app: ReportServer;
    let browser: Browser;
    beforeAll(async () => {
      app = await startReportServer();
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await app?.close();
    });
    it('guide and notice for TikTok, copied, no request while drafting', async () => {
      expect(catalogs.nl.receiptPlatform('TikTok')).toBe('Meld het ook bij TikTok');
      await reportAndDraft(browser, app, { t: catalogs.nl, locale: 'nl-NL', lang: 'nl', name: 'nl' });
    });

    // Every other complete language of the pack: keyboard only, axe on the guide and the notice.
    it('guide and notice for TikTok in English', async () => {
      await reportAndDraft(browser, app, { t: catalogs.en, locale: 'en-GB', lang: 'en', name: 'en' });
    });

    it('a child with a PIN vault keeps one sealed, dated copy of the copied notice, listed in the vault', async () => {
      const t = catalogs.nl;
      const context = await phoneContext(browser, 'nl-NL');
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
      const page = await context.newPage();
      await page.goto(app.url);
      await walkToReview(page, {
        t,
        platform: 'TikTok',
        story: 'Ze plaatsen filmpjes over mij.',
        links: LINKS[0]!,
        pin: '4321',
        pasted: 'Niemand vindt je leuk',
      });
      await sendFromReview(page, { t });
      await tabTo(page, (f) => f.tag === 'button' && f.name === t.receiptPlatform('TikTok'));
      await page.keyboard.press('Enter');
      await page.getByTestId('notice-text').waitFor();
      await tabTo(page, (f) => f.tag === 'button' && f.name === t.noticeCopy);
      await page.keyboard.press('Enter');
      const kept = `${t.noticeCopied} ${t.noticeKept}`;
      await expect.poll(() => page.getByRole('status').innerText()).toBe(kept);
      // Copying the same notice again keeps no second copy.
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('status').innerText()).toBe(kept);
      const stored = () =>
        page.evaluate(async (link) => {
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const r = indexedDB.open('vangnet');
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          });
          const items = await new Promise<{ kind: string; addedAt: number; sealedData: Uint8Array }[]>(
            (resolve) => {
              const r = db.transaction('items').objectStore('items').getAll();
              r.onsuccess = () => resolve(r.result);
            },
          );
          db.close();
          return items.map((i) => ({
            kind: i.kind,
            day: new Date(i.addedAt).toLocaleDateString('nl'),
            readable: new TextDecoder('latin1').decode(i.sealedData).includes(link),
          }));
        }, LINKS[0]!);
      await expect.poll(async () => (await stored()).filter((i) => i.kind === 'notice').length).toBe(1);
      const notice = (await stored()).find((i) => i.kind === 'notice')!;
      // Sealed like evidence: the notice's own link is not readable in the device's storage.
      expect(notice.readable).toBe(false);

      // The vault's list (on the evidence step of a new report, in a new tab) shows it with its date.
      const next = await context.newPage();
      await next.goto(app.url);
      await walkToReview(next, {
        t,
        platform: 'TikTok',
        check: async (screen) => {
          if (screen !== 'evidence') return;
          const label = `${t.vaultItemNotice} 2 · ${notice.day}`;
          await expect
            .poll(() => next.locator('.items').innerText())
            .toContain(`${label} · ${t.vaultLocked}`);
          await tabTo(next, (f) => f.tag === 'input' && f.name === t.vaultUnlockTitle);
          await next.keyboard.type('4321');
          await next.keyboard.press('Enter');
          await expect
            .poll(() => next.locator('.items').innerText(), { timeout: 60_000 })
            .toContain(`${label}:`);
          await expect.poll(() => next.locator('.items').innerText()).toContain(t.notice.subject('TikTok'));
          expect(await axe(next), 'axe on the vault with a kept notice').toEqual([]);
          await shot(next, 'vault-kept-notice-nl');
        },
      });
      await context.close();
    });

    it('"What can I do?" browses every platform\'s guide, keyboard only, with no notice without a report', async () => {
      const t = catalogs.nl;
      const context = await phoneContext(browser, 'nl-NL');
      const page = await context.newPage();
      await page.goto(app.url);
      await page.locator('h1', { hasText: t.startTitle }).waitFor();
      await tabTo(page, (f) => f.tag === 'button' && f.name.startsWith(t.startWhatCanIDo));
      await page.keyboard.press('Enter');
      await page.locator('h1', { hasText: t.helpTitle }).waitFor();
      await tabTo(page, (f) => f.tag === 'button' && f.name === t.helpPlatforms);
      await page.keyboard.press('Enter');
      await page.locator('h1', { hasText: t.guideTitle('Instagram') }).waitFor();
      await tabTo(page, (f) => f.tag === 'select');
      // Keyboard through the list: Snapchat comes after Instagram and TikTok in the pack.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => page.locator('#guide-platform').inputValue()).toBe('snapchat');
      await expect.poll(() => page.locator('h1').innerText()).toBe(t.guideTitle('Snapchat'));
      await expect
        .poll(() => page.getByTestId('guide-report').getByRole('listitem').count())
        .toBeGreaterThan(1);
      // Snapchat's pack entry has no "mute" steps: that part is left out, not invented.
      await expect.poll(() => page.getByTestId('guide-mute').count()).toBe(0);
      await expect.poll(() => page.getByTestId('notice-text').count()).toBe(0);
      expect(await axe(page)).toEqual([]);
      await shot(page, 'platform-guide-browse-nl');
      await context.close();
    });
  });

  describe('BE-VL pack, French', () => {
    let app: ReportServer;
    let browser: Browser;
    beforeAll(async () => {
      app = await startReportServer({ countryPackDir: join(import.meta.dirname, '../country-packs/BE-VL') });
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await app?.close();
    });
    it('guide and notice for TikTok in French', async () => {
      await reportAndDraft(browser, app, { t: catalogs.fr, locale: 'fr-BE', lang: 'fr', name: 'be-fr' });
    });

    it.each([
      { t: catalogs.nl, locale: 'nl-BE', lang: 'nl', name: 'be-nl' },
      { t: catalogs.en, locale: 'en-GB', lang: 'en', name: 'be-en' },
    ])("guide and notice for TikTok in the pack's other complete languages: $lang", async (o) => {
      await reportAndDraft(browser, app, o);
    });
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Messages } from '../apps/report/src/i18n/en.ts';
import { launchBrowser } from './support/browser.ts';
import { axe, phoneContext, type ReportServer, shot, startReportServer } from './support/report-app.ts';
import { catalogs, tabTo, walkToReview } from './support/report-walk.ts';

// A parent and a child make their home agreements, keyboard only, at 360×740: pick the child's age, tick
// ideas from the pack, write one of their own (with characters a PDF string must escape), save a one-page
// PDF. poppler reads the PDF back; the agreements are still there after a reload (kept in the browser);
// no request the page makes carries them. axe on every state of the new screen.
const downloads = mkdtempSync(join(tmpdir(), 'vangnet-e2e-agreements-'));
afterAll(() => rmSync(downloads, { recursive: true, force: true }));
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Tab until the element with this id has focus (fields that share a label, one per topic). */
async function tabToId(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
  }
  throw new Error(`tabToId: never reached #${id}`);
}

interface Family {
  t: Messages;
  locale: string;
  name: string;
  /** How many ArrowDown presses from "Pick an age" reach the child's age band. */
  ageSteps: number;
  band: string;
  /** Ideas from the pack to tick, exactly as the pack words them in this language. */
  ideas: string[];
  own: string;
  /** Reach the tool from the start screen, or from "What can I do?". */
  via: 'start' | 'help';
}

async function makeAgreements(browser: Browser, app: ReportServer, f: Family): Promise<void> {
  const { t } = f;
  const context = await phoneContext(browser, f.locale);
  const page: Page = await context.newPage();
  const sent: string[] = [];
  page.on('request', (r) => sent.push(`${r.url()}\n${JSON.stringify(r.headers())}\n${r.postData() ?? ''}`));
  await page.goto(app.url);
  await page.locator('h1', { hasText: t.startTitle }).waitFor();

  if (f.via === 'start') {
    // Offered once the pack (with its agreements.yaml) has arrived.
    await page.getByRole('button', { name: new RegExp(t.startAgreements) }).waitFor();
    await tabTo(page, (x) => x.tag === 'button' && x.name.startsWith(t.startAgreements));
  } else {
    await tabTo(page, (x) => x.tag === 'button' && x.name.startsWith(t.startWhatCanIDo));
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: t.helpTitle }).waitFor();
    await tabTo(page, (x) => x.tag === 'button' && x.name === t.helpAgreements);
  }
  await page.keyboard.press('Enter');
  await page.locator('h1', { hasText: t.agreementsTitle }).waitFor();
  // The shell keeps "Help now" and "Leave fast" on this screen too.
  await expect.poll(() => page.getByRole('button', { name: t.helpNow, exact: true }).isVisible()).toBe(true);
  await expect.poll(() => page.getByRole('button', { name: t.quickExit }).isVisible()).toBe(true);
  expect(await axe(page), `axe on the empty tool (${f.name})`).toEqual([]);
  await shot(page, `agreements-empty-${f.name}`);

  await tabTo(page, (x) => x.tag === 'select');
  for (let i = 0; i < f.ageSteps; i++) await page.keyboard.press('ArrowDown');
  await expect.poll(() => page.locator('#agreements-age').inputValue()).toBe(f.band);
  // Every idea in the packs awaits review: the note says so.
  await expect.poll(() => page.getByText(t.agreementsCheck).isVisible()).toBe(true);
  for (const idea of f.ideas) {
    await tabTo(page, (x) => x.type === 'checkbox' && x.name === idea, 120);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('checkbox', { name: idea }).isChecked()).toBe(true);
  }
  // The family's own words, under "who can you tell": the fifth "write your own" field.
  await tabToId(page, 'agreements-who-to-tell-own');
  await page.keyboard.type(f.own);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('checkbox', { name: f.own }).isChecked()).toBe(true);
  await expect.poll(() => page.getByRole('status').innerText()).toBe(t.agreementsSaved);
  expect(await axe(page), `axe with agreements picked (${f.name})`).toEqual([]);
  await shot(page, `agreements-picked-${f.name}`);

  await tabTo(page, (x) => x.tag === 'button' && x.name === t.agreementsPdf, 120);
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe(t.agreementsFile);
  const file = join(downloads, `${f.name}.pdf`);
  await download.saveAs(file);
  await expect.poll(() => page.getByRole('status').innerText()).toBe(t.agreementsPdfReady);
  expect(await axe(page), `axe after saving the PDF (${f.name})`).toEqual([]);

  const text = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  expect(text.status, text.stderr).toBe(0);
  for (const line of [t.agreementsTitle, ...f.ideas, f.own, t.agreementsTopics['who-to-tell']!])
    expect(squeeze(text.stdout)).toContain(squeeze(line));
  expect(text.stdout).not.toContain(t.agreementsMore);
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(info.stdout).toMatch(/^Pages:\s+1$/m);

  // Kept on the device: a reload shows them again.
  await page.reload();
  await page.locator('h1', { hasText: t.agreementsTitle }).waitFor();
  for (const idea of [...f.ideas, f.own])
    await expect.poll(() => page.getByRole('checkbox', { name: idea }).isChecked()).toBe(true);

  // Never sent: not in any address, header or body of any request the page made.
  expect(sent.length).toBeGreaterThan(0);
  for (const request of sent) {
    for (const words of [...f.ideas, f.own]) expect(request).not.toContain(words);
    expect(request).not.toContain(encodeURIComponent(f.own));
  }
  await context.close();
}

/** The tool in one more language: reached, an age and an idea picked by keyboard, axe before and after. */
async function axeInLanguage(browser: Browser, app: ReportServer, lang: 'en' | 'de' | 'nl', locale: string) {
  const t = catalogs[lang];
  const context = await phoneContext(browser, locale);
  const page = await context.newPage();
  await page.goto(app.url);
  await page.getByRole('button', { name: new RegExp(t.startAgreements) }).waitFor();
  await tabTo(page, (x) => x.tag === 'button' && x.name.startsWith(t.startAgreements));
  await page.keyboard.press('Enter');
  await page.locator('h1', { hasText: t.agreementsTitle }).waitFor();
  expect(await axe(page), `axe on the empty tool (${lang})`).toEqual([]);
  await tabTo(page, (x) => x.tag === 'select');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => page.locator('#agreements-age').inputValue()).toBe('under-10');
  await tabTo(page, (x) => x.type === 'checkbox');
  await page.keyboard.press('Space');
  await expect.poll(() => page.getByRole('checkbox', { checked: true }).count()).toBe(1);
  expect(await axe(page), `axe with an idea picked (${lang})`).toEqual([]);
  await shot(page, `agreements-${lang}`);
  await context.close();
}

describe('reporter app: home agreements', () => {
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
    it('a family of a 10-to-12-year-old makes a one-page PDF from the start screen, keyboard only', async () => {
      await makeAgreements(browser, app, {
        t: catalogs.nl,
        locale: 'nl-NL',
        name: 'nl',
        ageSteps: 2,
        band: '10-12',
        ideas: [
          'Een uur voor het slapen gaan de schermen uit.',
          'We pakken je telefoon niet af als je om hulp vraagt.',
          'Je mag ook anoniem bellen of chatten met de Kindertelefoon.',
        ],
        own: 'Oma (en opa) mogen het ook weten \\ altijd.',
        via: 'start',
      });
    });
    it('with a PIN vault, the agreements are locked in it and open again with the PIN', async () => {
      const t = catalogs.nl;
      const idea = 'We kiezen samen welke apps en games op de telefoon of tablet komen.';
      const context = await phoneContext(browser, 'nl-NL');
      // The child made a vault with a PIN on the evidence step of a report.
      const report = await context.newPage();
      await report.goto(app.url);
      await walkToReview(report, { t, platform: 'TikTok', pin: '2468' });
      const openTool = async (page: Page) => {
        await page.goto(app.url);
        await page.getByRole('button', { name: new RegExp(t.startAgreements) }).waitFor();
        await tabTo(page, (x) => x.tag === 'button' && x.name.startsWith(t.startAgreements));
        await page.keyboard.press('Enter');
        await page.locator('h1', { hasText: t.agreementsTitle }).waitFor();
      };
      const tool = await context.newPage();
      await openTool(tool);
      await tabTo(tool, (x) => x.tag === 'select');
      await tool.keyboard.press('ArrowDown');
      await tabTo(tool, (x) => x.type === 'checkbox' && x.name === idea);
      await tool.keyboard.press('Space');
      await expect.poll(() => tool.getByRole('status').innerText()).toBe(t.agreementsSaved);
      const where = await tool.evaluate(async (text) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open('vangnet');
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        const kept = await new Promise<{ sealed: Uint8Array } | undefined>((resolve) => {
          const r = db.transaction('vault').objectStore('vault').get('agreements');
          r.onsuccess = () => resolve(r.result);
        });
        db.close();
        return {
          local: localStorage.getItem('vn.agreements'),
          kept: kept !== undefined,
          readable: kept ? new TextDecoder('latin1').decode(kept.sealed).includes(text.slice(0, 20)) : null,
        };
      }, idea);
      expect(where).toEqual({ local: null, kept: true, readable: false });

      // Another tab starts with the vault locked: the PIN opens the agreements, keyboard only.
      const later = await context.newPage();
      await openTool(later);
      await later.getByText(t.agreementsLocked).waitFor();
      expect(await axe(later), 'axe on the locked agreements').toEqual([]);
      await shot(later, 'agreements-locked-nl');
      await tabTo(later, (x) => x.tag === 'input' && x.name === t.followPinLabel);
      await later.keyboard.type('2468');
      await later.keyboard.press('Enter');
      await expect
        .poll(() => later.getByRole('checkbox', { name: idea }).isChecked(), { timeout: 60_000 })
        .toBe(true);
      await context.close();
    });
    // English is complete in the pack; German is not (its ideas fall back to Dutch, marked lang="nl").
    it.each([
      ['en', 'en-GB'],
      ['de', 'de-DE'],
    ] as const)('axe and keyboard in %s', async (lang, locale) => {
      await axeInLanguage(browser, app, lang, locale);
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
    it('a family of a 13-to-15-year-old makes it from "What can I do?", keyboard only', async () => {
      await makeAgreements(browser, app, {
        t: catalogs.fr,
        locale: 'fr-BE',
        name: 'be-fr',
        ageSteps: 3,
        band: '13-15',
        ideas: [
          'Personne ne transfère de photos intimes ou sexuelles, même si tout le monde le fait.',
          'Tu choisis un mot de passe solide et tu ne le donnes à personne, même pas à tes amis.',
        ],
        own: 'Pas d’écran après 21 h (sauf le week-end).',
        via: 'help',
      });
    });
    it.each([
      ['nl', 'nl-BE'],
      ['en', 'en-GB'],
    ] as const)('axe and keyboard in %s', async (lang, locale) => {
      await axeInLanguage(browser, app, lang, locale);
    });
  });
});

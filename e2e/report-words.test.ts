import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Messages } from '../apps/report/src/i18n/en.ts';
import { wordsFor } from '../apps/report/src/i18n/role-words.ts';
import { launchBrowser } from './support/browser.ts';
import { axe, heading, phoneContext, type ReportServer, startReportServer } from './support/report-app.ts';
import { catalogs } from './support/report-walk.ts';

// Words that keep a child safe: "Help now" opens with what to do in danger, and a child who picks
// blackmail with photos reads "do not pay" and "it is not your fault" before anything else, in every
// complete language of each pack (NL: nl, en; BE-VL: nl, fr, en).
const beVlDir = fileURLToPath(new URL('../country-packs/BE-VL', import.meta.url));
/** How many crisis lines each pack lists: Help now shows each with what it is for. */
const crisisLines = (pack: string): number =>
  parse(readFileSync(fileURLToPath(new URL(`../country-packs/${pack}/crisis.yaml`, import.meta.url)), 'utf8'))
    .lines.length;
let nl: ReportServer;
let beVl: ReportServer;
let browser: Browser;

beforeAll(async () => {
  [nl, beVl] = await Promise.all([startReportServer(), startReportServer({ countryPackDir: beVlDir })]);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await nl?.close();
  await beVl?.close();
});

const locales = { nl: 'nl-NL', en: 'en-GB', fr: 'fr-BE', de: 'de-DE', uk: 'uk-UA', pl: 'pl-PL' } as const;
type Lang = keyof typeof locales;

/** The radio whose label starts with this text (its hint follows the label in the accessible name). */
async function pick(page: Page, t: Messages, label: string): Promise<void> {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.getByRole('radio', { name: new RegExp(`^${escaped}( |$)`) }).check();
  await page.getByRole('button', { name: t.next, exact: true }).click();
}

/** From the start screen to "how are things now", as a 13-year-old victim of sextortion. */
async function walkSextortion(page: Page, t: Messages): Promise<void> {
  await expect.poll(() => heading(page)).toBe(t.startTitle);
  await page.getByRole('button', { name: new RegExp(t.startReport) }).click();
  await expect.poll(() => heading(page)).toBe(t.whoTitle);
  await pick(page, t, t.roles.self ?? '');
  await expect.poll(() => heading(page)).toBe(t.whatTitle);
  await pick(page, t, t.categories.sextortion?.[0] ?? '');
  await expect.poll(() => heading(page)).toBe(t.whereTitle);
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: t.next, exact: true }).click();
  await expect.poll(() => heading(page)).toBe(wordsFor(t, 'self').ageTitle);
  await pick(page, t, t.ages['13-15'] ?? '');
  await expect.poll(() => heading(page)).toBe(t.dangerTitle);
}

// "Do not pay" and "stop the contact" in each pack's own words (texts/<lang>.yaml `advice.*`).
const cases: { pack: 'NL' | 'BE-VL'; lang: Lang; doNotPay: string; stopContact: string }[] = [
  { pack: 'NL', lang: 'nl', doNotPay: 'Betaal niet', stopContact: 'Stop het contact' },
  { pack: 'NL', lang: 'en', doNotPay: 'Do not pay', stopContact: 'Stop the contact' },
  { pack: 'BE-VL', lang: 'nl', doNotPay: 'Betaal niet', stopContact: 'Stop het contact' },
  { pack: 'BE-VL', lang: 'fr', doNotPay: 'Ne paie pas', stopContact: 'Arrête la conversation' },
  { pack: 'BE-VL', lang: 'en', doNotPay: 'Do not pay', stopContact: 'Stop the contact' },
];

describe('reporter app: words that keep a child safe', () => {
  it.each(cases)('sextortion ($pack, $lang): "do not pay" and "not your fault" on the step', async (c) => {
    const t = catalogs[c.lang];
    const context = await phoneContext(browser, locales[c.lang]);
    const page = await context.newPage();
    await page.goto((c.pack === 'NL' ? nl : beVl).url);
    await walkSextortion(page, t);
    const advice = page.getByTestId('route-advice');
    await advice.waitFor();
    await expect.poll(() => advice.innerText()).toContain(t.adviceNotYourFault);
    await expect.poll(() => advice.innerText()).toContain(c.doNotPay);
    await expect.poll(() => advice.innerText()).toContain(c.stopContact);
    await expect.poll(() => advice.getByText(c.doNotPay).isVisible()).toBe(true);
    // The pack's text is in this language, so no `lang` switch is needed on it.
    expect(await advice.locator('li[lang]').count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it('sextortion (NL, en): the advice comes again on the receipt, after sending', async () => {
    const t = catalogs.en;
    const context = await phoneContext(browser, locales.en);
    const page = await context.newPage();
    await page.goto(nl.url);
    await walkSextortion(page, t);
    // No picture and no words: every later step can be passed as it is.
    for (const title of [t.dangerTitle, t.storyTitle, t.hashOnlyTitle, t.contactTitle]) {
      await expect.poll(() => heading(page)).toBe(title);
      await page.getByRole('button', { name: t.next, exact: true }).click();
    }
    await expect.poll(() => heading(page)).toBe(t.reviewTitle);
    await page.getByRole('button', { name: t.send }).click();
    await page.locator('h1', { hasText: t.receiptTitle }).waitFor({ timeout: 60_000 });
    const advice = page.getByTestId('route-advice');
    await expect.poll(() => advice.innerText()).toContain(t.adviceNotYourFault);
    await expect.poll(() => advice.innerText()).toContain('Do not pay');
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  const helpNow: { pack: 'NL' | 'BE-VL'; lang: Lang; numbers: (t: Messages) => string }[] = [
    ...(['nl', 'en', 'fr', 'de', 'uk', 'pl'] as const).map((lang) => ({
      pack: 'NL' as const,
      lang,
      numbers: () => '112',
    })),
    ...(['nl', 'fr', 'en', 'de'] as const).map((lang) => ({
      pack: 'BE-VL' as const,
      lang,
      numbers: (t: Messages) => `101 ${t.crisisOr} 112`,
    })),
  ];

  it.each(helpNow)('Help now ($pack, $lang) starts with what to do in danger', async (c) => {
    const t = catalogs[c.lang];
    const context = await phoneContext(browser, locales[c.lang]);
    const page = await context.newPage();
    await page.goto((c.pack === 'NL' ? nl : beVl).url);
    await page.getByRole('button', { name: new RegExp(t.startNeedHelp) }).click();
    await expect.poll(() => heading(page)).toBe(t.crisisTitle);
    // The first thing after the heading is the emergency instruction, with the pack's numbers.
    await expect
      .poll(() => page.evaluate(() => document.querySelector('h1 + *')?.getAttribute('data-testid')))
      .toBe('crisis-emergency');
    const first = page.getByTestId('crisis-emergency');
    await expect.poll(() => first.innerText()).toContain(t.crisisEmergencyTitle);
    await expect.poll(() => first.innerText()).toContain(t.crisisEmergency(c.numbers(t)));
    // Then who to call for what: each line says what it is for, in the pack's words.
    await expect.poll(() => page.locator('.line .line-for').count()).toBe(crisisLines(c.pack));
    await context.close();
  });

  it('Help now (BE-VL, fr) says which lines answer in Dutch and offers French-speaking ones', async () => {
    const t = catalogs.fr;
    const context = await phoneContext(browser, locales.fr);
    const page = await context.newPage();
    await page.goto(beVl.url);
    await page.getByRole('button', { name: new RegExp(t.startNeedHelp) }).click();
    await expect.poll(() => heading(page)).toBe(t.crisisTitle);
    const line = (name: string) =>
      page.locator('li.line').filter({ has: page.getByRole('heading', { name: new RegExp(`^${name}`) }) });
    await expect.poll(() => line('Awel').getByRole('heading').innerText()).toBe('Awel (en néerlandais)');
    await expect
      .poll(() => line('Zelfmoordlijn 1813').getByRole('heading').innerText())
      .toBe('Zelfmoordlijn 1813 (en néerlandais)');
    // The French-speaking lines: no language note, and nobody checked them, so "check before you call".
    for (const [name, number] of [
      ['Écoute-Enfants', '103'],
      ['Centre de prévention du suicide', '0800 32 123'],
    ] as const) {
      await expect.poll(() => line(name).getByRole('heading').innerText()).toBe(name);
      await line(name)
        .getByRole('link', { name: t.crisisCall(number) })
        .waitFor();
      await expect.poll(() => line(name).locator('.check-note').count()).toBeGreaterThan(0);
    }
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it('What can I do (BE-VL, nl) speaks Flemish: "leerkracht", not "leraar"', async () => {
    const t = catalogs.nl;
    const context = await phoneContext(browser, 'nl-BE');
    const page = await context.newPage();
    await page.goto(beVl.url);
    await page.getByRole('button', { name: new RegExp(t.startWhatCanIDo) }).click();
    await expect.poll(() => heading(page)).toBe(t.helpTitle);
    await expect.poll(() => page.locator('.tips').innerText()).toContain('leerkracht');
    await expect.poll(() => page.locator('.tips').innerText()).not.toContain('leraar');
    // Écoute-Enfants answers in French: a Dutch reader is told so.
    await expect
      .poll(() => page.getByRole('heading', { name: /^Écoute-Enfants/ }).innerText())
      .toBe('Écoute-Enfants (in het Frans)');
    await context.close();
  });
});

import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { catalogFromJson } from '../apps/report/src/i18n/compile-in-node.ts';
import { resolveCountryPackDir } from '../apps/server/src/config.ts';
import raw from './fixtures/packs/XG/catalogs/report/ga.json' with { type: 'json' };
import { launchBrowser } from './support/browser.ts';
import { axe, heading, phoneContext, type ReportServer, startReportServer } from './support/report-app.ts';
import { sendFromReview, walkToReview } from './support/report-walk.ts';

// Issue 19's adoption test: a member state whose language no part of Vangnet carries (Irish) adapts it
// with data only. Everything Irish lives in the test pack's folder (e2e/fixtures/packs/XG): its texts, its
// pages and the reporter app's own texts as an ICU catalog. The server is started the way an adopter
// would (COUNTRY_PACK=<folder>), and a phone set to Irish (ga-IE) is walked from the start to a receipt.
const ga = catalogFromJson(raw, 'ga');
const gaTexts = parse(
  readFileSync(new URL('./fixtures/packs/XG/texts/ga.yaml', import.meta.url), 'utf8'),
) as {
  services: Record<string, { description: string }>;
  advice: Record<string, string>;
};

let app: ReportServer;
let browser: Browser;

beforeAll(async () => {
  app = await startReportServer({ countryPackDir: resolveCountryPackDir('e2e/fixtures/packs/XG') });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('a new language is data (fictional pack XG, Irish)', () => {
  it('opens in Irish for a ga-IE phone, shows the pack’s help, channels and advice, and makes a report', async () => {
    const context = await phoneContext(browser, 'ga-IE');
    const page = await context.newPage();
    await page.goto(app.url);
    await expect.poll(() => heading(page)).toBe(ga.startTitle);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('ga');
    // The menu offers the pack's languages, each in its own name.
    expect(await page.locator('#lang option').allInnerTexts()).toEqual(['Gaeilge', 'English']);
    expect(await axe(page)).toEqual([]);

    // "What can I do?": the pack's services in Irish, with every channel the pack lists.
    await page.getByRole('button', { name: new RegExp(ga.startWhatCanIDo) }).click();
    await expect.poll(() => heading(page)).toBe(ga.helpTitle);
    const helpline = page.locator('li', {
      has: page.getByRole('heading', { name: 'Líne Chabhrach Inis Glas' }),
    });
    await expect
      .poll(() => helpline.getByText(gaTexts.services['national-helpline']?.description ?? '-').count())
      .toBe(1);
    for (const name of [
      ga.crisisCall('116 111'),
      ga.reachText('50101'),
      `${ga.crisisChat}: Líne Chabhrach Inis Glas`,
      ga.reachEmail('cabhair@cabhair.inisglas.test'),
    ]) {
      await expect.poll(() => helpline.getByRole('link', { name }).count()).toBe(1);
    }
    expect(await axe(page)).toEqual([]);
    await page.locator('.bar-back').click();

    // A report, worded in Irish at every step, reaches the pack's helpline; the receipt gives the pack's advice.
    await walkToReview(page, { t: ga, story: 'Scríobh siad rudaí gránna fúm.' });
    await sendFromReview(page, { t: ga });
    await expect.poll(() => page.getByText(ga.receiptHas('Líne Chabhrach Inis Glas')).count()).toBe(1);
    for (const advice of ['keep-evidence', 'block-and-report']) {
      await expect.poll(() => page.getByText(gaTexts.advice[advice] ?? '-').count()).toBeGreaterThan(0);
    }
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it('a phone in a language the pack does not offer gets the pack’s default, not a language the app carries', async () => {
    const context = await phoneContext(browser, 'de-DE');
    const page = await context.newPage();
    await page.goto(app.url);
    await expect.poll(() => heading(page)).toBe(ga.startTitle);
    // The pack's own pages travel with it, in Irish.
    const pages = await page.evaluate(async () => {
      const pack = (await (await fetch('/api/v1/pack')).json()) as {
        pages: Record<string, Record<string, { title: string }>>;
      };
      return Object.values(pack.pages.ga ?? {}).map((p) => p.title);
    });
    expect(pages).toContain('Cad is féidir liom a dhéanamh?');
    await context.close();
  });
});

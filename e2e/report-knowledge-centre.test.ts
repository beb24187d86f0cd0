import { join } from 'node:path';
import type { CountryPack, Page as PackPage } from '@vangnet/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCountryPack } from '../apps/server/src/country-pack/load.ts';
import { launchBrowser } from './support/browser.ts';
import { axe, phoneContext, type ReportServer, shot, startReportServer } from './support/report-app.ts';
import { catalogs, sendFromReview, tabTo, walkToReview } from './support/report-walk.ts';

// Issue 13: the knowledge centre. NL pack, Dutch, 360×740. The pack's pages by audience, a search, every
// page with zero axe violations in light and dark, a keyboard-only path, "what can I do?" for harmful
// content × a child, the way in from the receipt, and the pages again with the network off. No request
// leaves 127.0.0.1.
const t = catalogs.nl;
const packDir = join(import.meta.dirname, '../country-packs/NL');
let app: ReportServer;
let browser: Browser;
let pack: CountryPack;
let pages: [string, PackPage][];

beforeAll(async () => {
  pack = await loadCountryPack(packDir);
  pages = Object.entries(pack.pages.nl ?? {});
  app = await startReportServer({ countryPackDir: packDir });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const titleOf = (slug: string) => pack.pages.nl?.[slug]?.title ?? `(no page ${slug})`;
const listTitles = (page: Page, testId = 'kc-list') =>
  page.getByTestId(testId).locator('.choice-title').allInnerTexts();

/** Every request of the context, to check that none goes to another host. */
function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}
const otherHosts = (urls: string[]) =>
  urls.filter((u) => !/^(data|blob):/.test(u) && new URL(u).hostname !== '127.0.0.1');

/** A fresh start screen: screens live in session state, so a plain reload would show the last one. */
async function restart(page: Page): Promise<void> {
  await page.evaluate(() => sessionStorage.removeItem('vn.nav'));
  await page.goto(app.url);
  await page.locator('h1', { hasText: t.startTitle }).waitFor();
}

async function openCentre(page: Page): Promise<void> {
  await page.getByRole('button', { name: new RegExp(t.startWhatCanIDo) }).click();
  await page.locator('h1', { hasText: t.helpTitle }).waitFor();
  await page.getByTestId('kc-list').waitFor();
}

async function axeBoth(page: Page, what: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axe(page), `axe on ${what} (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('knowledge centre (NL, Dutch, 360×740)', () => {
  it('from the start screen: sections, search, every page passes axe (light and dark), keyboard only, offline', async () => {
    const context = await phoneContext(browser, 'nl-NL');
    const requests = recordRequests(context);
    const page = await context.newPage();
    await page.goto(app.url);
    await page.locator('h1', { hasText: t.startTitle }).waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await openCentre(page);
    await shot(page, 'knowledge-centre-nl');

    // Each audience: its pages as the pack's front-matter says, the list and every page pass axe.
    const audiences = (['young', 'parent', 'school', 'adult', 'bystander'] as const).filter((a) =>
      pages.some(([, p]) => p.audiences.includes(a)),
    );
    expect(audiences).toEqual(expect.arrayContaining(['young', 'parent', 'school']));
    const checked = new Set<string>();
    for (const audience of audiences) {
      const button = page.getByRole('button', { name: t.kcAudience[audience], exact: true });
      await button.click();
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
      const expected = pages.filter(([, p]) => p.audiences.includes(audience)).map(([, p]) => p.title);
      await expect.poll(() => listTitles(page)).toEqual(expected);
      await axeBoth(page, `the list for ${audience}`);
      for (const [slug, p] of pages.filter(([, p]) => p.audiences.includes(audience))) {
        if (checked.has(slug)) continue;
        checked.add(slug);
        await page
          .getByTestId('kc-list')
          .getByRole('button', { name: new RegExp(`^${p.title}`) })
          .click();
        await page.locator('h1', { hasText: p.title }).waitFor();
        // The text is there, and the page's own "# Title" is the screen title, not a second h1.
        await expect.poll(() => page.locator('h1').count()).toBe(1);
        await expect.poll(() => page.locator('.kc-body').innerText()).not.toBe('');
        await axeBoth(page, `page ${slug}`);
        await shot(page, `knowledge-page-${slug}-nl`);
        await page.goBack();
        await page.getByTestId('kc-list').waitFor();
        await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
      }
    }
    expect([...checked].sort()).toEqual(pages.map(([slug]) => slug).sort());

    // Search: a word of a page's text, typed without its accent; the count is announced.
    const search = page.getByLabel(t.kcSearch);
    await search.fill('KOPIEREN');
    await expect.poll(() => listTitles(page)).toContain(titleOf('for-schools'));
    const found = (await listTitles(page)).length;
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: t.kcFound(found) })
          .count(),
      )
      .toBe(1);
    await axeBoth(page, 'search results');
    await search.fill('xyzzy-nergens');
    await expect.poll(() => page.getByTestId('kc-count').innerText()).toBe(t.kcFound(0));
    await search.fill('kopiëren');
    await page
      .getByTestId('kc-list')
      .getByRole('button', { name: new RegExp(`^${titleOf('for-schools')}`) })
      .click();
    await page.locator('h1', { hasText: titleOf('for-schools') }).waitFor();

    // Keyboard only, from a fresh start screen to the parents' page.
    await restart(page);
    await tabTo(page, (f) => f.tag === 'button' && f.name.startsWith(t.startWhatCanIDo));
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: t.helpTitle }).waitFor();
    await tabTo(page, (f) => f.tag === 'button' && f.name === t.kcAudience.parent);
    await page.keyboard.press('Enter');
    await tabTo(page, (f) => f.tag === 'button' && f.name.startsWith(titleOf('for-parents')));
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: titleOf('for-parents') }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');

    // Offline after the first load: the centre and a page open from what the app keeps.
    await context.setOffline(true);
    await restart(page);
    await openCentre(page);
    await page
      .getByTestId('kc-list')
      .getByRole('button', { name: new RegExp(`^${titleOf('what-can-i-do')}`) })
      .click();
    await page.locator('h1', { hasText: titleOf('what-can-i-do') }).waitFor();
    await expect.poll(() => page.locator('.kc-body').innerText()).toContain('112');
    await context.setOffline(false);

    expect(otherHosts(requests)).toEqual([]);
    await context.close();
  }, 240_000);

  it('"what can I do?" for harmful content × me: the route’s advice and the matching pages; again from the receipt', async () => {
    const context = await phoneContext(browser, 'nl-NL');
    const requests = recordRequests(context);
    const page = await context.newPage();
    await page.goto(app.url);
    await page.locator('h1', { hasText: t.startTitle }).waitFor();
    await openCentre(page);
    await page.getByRole('button', { name: t.kcSituation }).click();
    await page.locator('h1', { hasText: t.kcSituationTitle }).waitFor();
    await page.getByLabel(t.kcWhat).selectOption('harmful-content');
    await page.getByLabel(t.whoTitle).selectOption('self');

    // The NL route for harmful but lawful content: report to the platform, block, tell someone.
    const rule = pack.routes.find((r) => r.id === 'harmful-content');
    expect(rule?.advice).toEqual(['report-to-platform', 'block-and-report', 'tell-someone']);
    const advice = page.getByTestId('route-advice');
    for (const id of rule?.advice ?? []) {
      await expect.poll(() => advice.innerText()).toContain(pack.texts.nl?.[`advice.${id}`] ?? '-');
    }
    // Pages naming harmful content, and the child's own "what can I do" page; not the parents' one.
    const expected = [
      ...pages.filter(([, p]) => p.categories?.includes('harmful-content')).map(([s]) => titleOf(s)),
      titleOf('what-can-i-do'),
    ];
    await expect.poll(() => listTitles(page, 'kc-situation-pages')).toEqual(expect.arrayContaining(expected));
    expect(await listTitles(page, 'kc-situation-pages')).not.toContain(titleOf('for-parents'));
    await axeBoth(page, 'what can I do for harmful content');
    await shot(page, 'knowledge-situation-harmful-content-nl');
    await page
      .getByTestId('kc-situation-pages')
      .getByRole('button', { name: new RegExp(`^${titleOf('what-can-i-do')}`) })
      .click();
    await page.locator('h1', { hasText: titleOf('what-can-i-do') }).waitFor();

    // From the receipt of a report about harmful content: the answers come from the report.
    await restart(page);
    await walkToReview(page, { t, category: 'harmful-content', story: 'Ik zag een eng filmpje.' });
    await sendFromReview(page, { t });
    await page.getByRole('button', { name: t.receiptKnowledge }).click();
    await page.locator('h1', { hasText: t.kcSituationTitle }).waitFor();
    await expect.poll(() => page.getByLabel(t.kcWhat).inputValue()).toBe('harmful-content');
    await expect.poll(() => page.getByLabel(t.whoTitle).inputValue()).toBe('self');
    await expect.poll(() => listTitles(page, 'kc-situation-pages')).toEqual(expect.arrayContaining(expected));
    await page.getByRole('button', { name: t.kcAll }).click();
    await page.locator('h1', { hasText: t.helpTitle }).waitFor();
    await page.getByTestId('kc-list').waitFor();

    expect(otherHosts(requests)).toEqual([]);
    await context.close();
  }, 240_000);
});

import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordsFor } from '../apps/report/src/i18n/role-words.ts';
import { reports } from '../apps/server/src/db/schema/index.ts';
import { launchBrowser } from './support/browser.ts';
import { axe, heading, phoneContext, type ReportServer, startReportServer } from './support/report-app.ts';
import { catalogs, sendFromReview, walkToReview } from './support/report-walk.ts';

// Every role gets its own words: a parent on the Flemish pack, in French, is asked about "votre enfant"
// and addressed with "vous" from the first question to the follow-up; an adult reporting about
// themselves is never offered a child's age band. Headings are compared with the catalog's variants.
let flemish: ReportServer;
let dutch: ReportServer;
let browser: Browser;

beforeAll(async () => {
  flemish = await startReportServer({ countryPackDir: join(import.meta.dirname, '../country-packs/BE-VL') });
  dutch = await startReportServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await flemish?.close();
  await dutch?.close();
});

const tuForm = /(?<!\p{L})(tu|te|toi|ton|ta|tes|t’)(?!\p{L})/iu;

async function metadata(app: ReportServer): Promise<{ role: string; age_band: string }[]> {
  const result = await app.server.deps.db.execute(sql`select role, age_band from ${reports}`);
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    role: string;
    age_band: string;
  }[];
}

async function hint(page: Page): Promise<string> {
  return (await page.locator('main .hint').first().innerText()).trim();
}

describe('reporter app: words for the reporter’s role', () => {
  it('a parent on the BE-VL pack, in French, reporting for their 12-year-old, is addressed as a parent throughout', async () => {
    const t = catalogs.fr;
    const p = wordsFor(t, 'parent');
    const expected: Record<string, string> = {
      who: t.whoTitle,
      what: p.whatTitle,
      where: p.whereTitle,
      age: p.ageTitle,
      danger: p.dangerTitle,
      story: p.storyTitle,
      evidence: p.evidenceTitle,
      contact: p.contactTitle,
      review: p.reviewTitle,
    };
    const context = await phoneContext(browser, 'fr-BE');
    const page = await context.newPage();
    await page.goto(flemish.url);
    const seen: string[] = [];
    await walkToReview(page, {
      t,
      role: 'parent',
      ageBand: '10-12',
      story: 'Des élèves de sa classe se moquent de lui dans un groupe.',
      check: async (screen) => {
        seen.push(screen);
        if (expected[screen])
          await expect.poll(() => heading(page), { message: screen }).toBe(expected[screen]);
        expect(await axe(page), `axe on ${screen}`).toEqual([]);
        if (screen === 'age') {
          // A 12-year-old's parent sees every band; the question names the child.
          await expect.poll(() => page.getByRole('radio').count()).toBe(6);
        }
        if (screen === 'danger') {
          await expect.poll(() => hint(page)).toBe(p.dangerHint);
          await expect.poll(() => page.getByRole('checkbox', { name: p.flagDanger }).count()).toBe(1);
          await expect.poll(() => page.getByRole('checkbox', { name: p.flagSelfHarm }).count()).toBe(1);
        }
        if (screen === 'story') await expect.poll(() => hint(page)).toBe(p.storyHint);
      },
    });
    expect(seen).toEqual(['start', ...Object.keys(expected)]);
    // The parent variants really differ from the child's: the test would fail on the child's words.
    expect(p.whatTitle).not.toBe(wordsFor(t, 'self').whatTitle);
    expect(p.ageTitle).not.toBe(wordsFor(t, 'self').ageTitle);

    await sendFromReview(page, { t });
    expect(await axe(page)).toEqual([]);
    await expect.poll(() => page.getByText(p.receiptWhy).isVisible()).toBe(true);
    const next = await page.getByTestId('receipt-next').innerText();
    expect(next).toContain('votre signalement');
    expect(next).not.toMatch(tuForm);

    await page.getByRole('button', { name: t.receiptFollow }).click();
    await expect.poll(() => heading(page)).toBe(p.followTitle);
    expect(p.followTitle).not.toMatch(tuForm);
    expect(await axe(page)).toEqual([]);
    expect(await metadata(flemish)).toEqual([{ role: 'parent', age_band: '10-12' }]);
    await context.close();
  });

  it('an adult reporting harassment at work sees adult options only, and is asked about themselves', async () => {
    const t = catalogs.en;
    const a = wordsFor(t, 'adult');
    const context = await phoneContext(browser, 'en-GB');
    const page = await context.newPage();
    await page.goto(dutch.url);
    const seen: string[] = [];
    await walkToReview(page, {
      t,
      role: 'adult',
      category: 'harassment',
      story: 'My manager keeps posting about me in the team chat.',
      check: async (screen) => {
        seen.push(screen);
        expect(await axe(page), `axe on ${screen}`).toEqual([]);
        if (screen === 'what') await expect.poll(() => heading(page)).toBe('What happened to you?');
        if (screen === 'danger') {
          // One step fewer: no age question for an adult about themselves.
          await expect.poll(() => page.locator('.step-count').innerText()).toBe(t.stepOf(4, 8));
        }
      },
    });
    expect(seen).not.toContain('age');
    expect(a.whatTitle).toBe('What happened to you?');
    // No child's age band anywhere on the review; nothing to change there either.
    const review = await page.locator('main').innerText();
    for (const band of ['under-10', '10-12', '13-15', '16-17'] as const) {
      expect(review).not.toContain(t.ages[band]);
    }
    expect(review).not.toContain(t.reviewAge);

    await sendFromReview(page, { t });
    expect(await metadata(dutch)).toEqual([{ role: 'adult', age_band: '18-plus' }]);
    await context.close();
  });

  it('a parent is asked every age band about their child; changing the role to adult drops the question', async () => {
    const t = catalogs.en;
    const context = await phoneContext(browser, 'en-GB');
    const page = await context.newPage();
    await page.goto(dutch.url);
    await page.locator('h1', { hasText: t.startTitle }).waitFor();
    await page.getByRole('button', { name: new RegExp(t.startReport) }).click();
    await expect.poll(() => heading(page)).toBe(t.whoTitle);
    // First a parent: the age question lists every band and names the child.
    await page.getByRole('radio', { name: t.roles.parent }).check();
    await page.getByRole('button', { name: t.next, exact: true }).click();
    await expect.poll(() => heading(page)).toBe('What happened to your child?');
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: t.next, exact: true }).click();
    await expect.poll(() => heading(page)).toBe(t.whereTitle);
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: t.next, exact: true }).click();
    await expect.poll(() => heading(page)).toBe('How old is your child?');
    await expect.poll(() => page.getByRole('radio').count()).toBe(6);
    // Back to the first question, now as an adult about themselves: after "where" comes "how are things".
    for (const title of [t.whereTitle, 'What happened to your child?', t.whoTitle]) {
      await page.getByRole('button', { name: t.back }).click();
      await expect.poll(() => heading(page)).toBe(title);
    }
    await page.getByRole('radio', { name: t.roles.adult }).check();
    for (const title of ['What happened to you?', t.whereTitle, t.dangerTitle]) {
      await page.getByRole('button', { name: t.next, exact: true }).click();
      await expect.poll(() => heading(page)).toBe(title);
    }
    await expect.poll(() => page.locator('.step-count').innerText()).toBe(t.stepOf(4, 8));
    await context.close();
  });
});

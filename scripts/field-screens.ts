#!/usr/bin/env node
// `node scripts/field-screens.ts`: the small pictures docs/adapting-a-country.md links from its "where each
// field is used" tables (docs/screens/fields/, committed): each reporter screen SCREEN_PICTURES names, with the
// Dutch pack, at 360×740, in light, as a palette PNG (a few tens of kB each). Reuses the e2e machinery that
// scripts/screens.ts uses (the real server with an embedded database, Debian's Chromium, the report walk);
// opens no port to the outside. Run it again after a change to one of these screens.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { launchBrowser, MOBILE_VIEWPORT } from '../e2e/support/browser.ts';
import { startReportServer } from '../e2e/support/report-app.ts';
import { catalogs, sendFromReview, walkToReview } from '../e2e/support/report-walk.ts';
import { steady } from '../e2e/support/visual.ts';
import { SCREEN_PICTURES } from '../packages/core/src/pack/field-uses.ts';

const out = join(import.meta.dirname, '../docs/screens/fields');
/** Screens reached by their place in the app's navigation (sessionStorage), as scripts/screens.ts does. */
const DIRECT = ['crisis', 'help', 'routes', 'follow', 'agreements', 'chat', 'platform-guide'] as const;
const made = new Set<string>();

/** What the phone shows (not the whole page), as an optimised palette PNG. */
async function picture(page: Page, file: string, scrollTo?: string): Promise<void> {
  if (scrollTo) await page.locator(scrollTo).first().scrollIntoViewIfNeeded();
  await steady(page);
  const raw = await page.screenshot({ animations: 'disabled' });
  const png = await sharp(raw)
    .png({ palette: true, colours: 64, compressionLevel: 9, effort: 10 })
    .toBuffer();
  writeFileSync(join(out, file), png);
  made.add(file);
  process.stdout.write(`${file} ${(statSync(join(out, file)).size / 1024).toFixed(1)} kB\n`);
}

const app = await startReportServer();
const browser = await launchBrowser();
try {
  mkdirSync(out, { recursive: true });
  const context = await browser.newContext({
    viewport: MOBILE_VIEWPORT,
    locale: 'nl-NL',
    reducedMotion: 'reduce',
    serviceWorkers: 'block',
    // Only so steady() may add its fixed-font style; the app's own CSP is tested elsewhere.
    bypassCSP: true,
  });
  // The quick exit's outside address is answered here: nothing leaves this machine.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>neutral</title>' }),
  );
  const page = await context.newPage();
  await page.goto(app.url);
  const t = catalogs.nl;
  await walkToReview(page, {
    t,
    story: 'Ze sturen gemene berichten in de klassengroep.',
    check: async (screen) => {
      if (screen === 'start') await picture(page, 'start.png');
      // The route's advice (keep evidence, block and report) shows from the danger step on.
      if (screen === 'danger') await picture(page, 'advice.png', '[data-testid="route-advice"]');
    },
  });
  await sendFromReview(page, { t });
  await picture(page, 'receipt.png');
  for (const screen of DIRECT) {
    await page.evaluate(
      (s) => sessionStorage.setItem('vn.nav', JSON.stringify({ screens: ['start', s], depth: 2 })),
      screen,
    );
    await page.reload();
    await page.locator('h1').first().waitFor();
    // The follow-up screen offers the code just sent: a picture in the docs shows the empty field.
    if (screen === 'follow') await page.getByRole('textbox').first().fill('');
    await picture(page, `${screen}.png`);
  }
  await context.close();
  const missing = [...new Set(Object.values(SCREEN_PICTURES))].filter((f) => !made.has(f));
  if (missing.length > 0) throw new Error(`no picture made for ${missing.join(', ')}`);
} finally {
  await browser.close();
  await app.close();
}

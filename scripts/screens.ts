#!/usr/bin/env node
// `npm run screens`: every screen of both apps, in every complete language of each country pack, as
// pictures in a static gallery (screens/index.html; generated, not committed). The reporter app at
// 360×740 (a cheap Android), the console at 1280×800; light, with each pack's start screen in dark too.
// Also the states a child meets when something goes wrong (offline, a code not found, a send cut off or
// refused) and a live chat in line; on the console every screen a worker reaches from the header, one
// chat taken from the queue, the export and the locked screen.
// `npm run screens -- --curate` also copies the few key screens the README shows into docs/screens/.
// `npm run screens -- --dark` pictures every screen in dark as well (`<name>-dark`); `--axe` runs axe (the
// e2e helper, WCAG 2.0–2.2 A/AA) on every screen pictured, puts the violations in the gallery and exits 1
// when any screen has one, printing screen × scheme × rule. `npm run screens -- --dark --axe` checks both.
// Needs nothing beyond `npm install` and Chromium (the two README commands); opens no port to the outside.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { parse } from 'yaml';
import { CARRIED_LANGUAGES } from '../apps/console/src/i18n/index.ts';
import {
  DESKTOP,
  ensureConsoleBuilt,
  signIn,
  startConsoleServer,
  submitReport,
} from '../e2e/console-fixtures.ts';
import { launchBrowser, MOBILE_VIEWPORT } from '../e2e/support/browser.ts';
import { axe, ensureReportBuild } from '../e2e/support/report-app.ts';
import { walkErrorStates } from '../e2e/support/report-states.ts';
import { catalogs, sendFromReview, walkToReview } from '../e2e/support/report-walk.ts';

const root = join(import.meta.dirname, '..');
const out = join(root, 'screens');
const curated = join(root, 'docs/screens');
const PACKS = ['NL', 'BE-VL'];
const REPORT_LANGS = Object.keys(catalogs) as (keyof typeof catalogs)[];
// Every language the console carries; a pack's own console catalogs are not pictured here.
const CONSOLE_LANGS: readonly string[] = CARRIED_LANGUAGES;
/** Screens reached from the start screen by their place in the app's navigation (sessionStorage). */
const DIRECT_SCREENS = ['crisis', 'help', 'routes', 'follow', 'agreements'] as const;
/** pack/lang/name → docs/screens/<file>: what the README shows. */
const CURATE: Record<string, string> = {
  'NL/nl/report-start': 'report-start-nl.png',
  'BE-VL/fr/report-start-dark': 'report-start-be-vl-dark.png',
  'NL/nl/report-review': 'report-review-nl.png',
  'BE-VL/nl/report-receipt': 'report-receipt-be-vl.png',
  'NL/en/console-case': 'console-case-nl.png',
};

const DARK = process.argv.includes('--dark');
const AXE = process.argv.includes('--axe');

type Violation = { id: string; nodes: string[] };
type Shot = {
  pack: string;
  lang: string;
  name: string;
  file: string;
  scheme: 'light' | 'dark';
  violations?: Violation[];
};
const shots: Shot[] = [];

async function picture(page: Page, pack: string, lang: string, name: string, scheme: Shot['scheme']) {
  const file = `${pack}/${lang}/${name}.png`;
  mkdirSync(join(out, pack, lang), { recursive: true });
  await page.screenshot({ path: join(out, file), fullPage: true, animations: 'disabled' });
  const violations = AXE ? await axe(page) : undefined;
  shots.push({ pack, lang, name, file, scheme, violations });
  process.stdout.write(violations?.length ? 'x' : '.');
}

/** The screen as it is; with --dark also in dark (same page, the scheme switched and switched back). */
async function save(page: Page, pack: string, lang: string, name: string, scheme: Shot['scheme'] = 'light') {
  await picture(page, pack, lang, name, scheme);
  if (!DARK || scheme === 'dark') return;
  await page.emulateMedia({ colorScheme: 'dark' });
  await picture(page, pack, lang, `${name}-dark`, 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
}

function completeLanguages(pack: string): string[] {
  const meta = parse(readFileSync(join(root, 'country-packs', pack, 'pack.yaml'), 'utf8')) as {
    languages: { code: string; complete: boolean }[];
  };
  return meta.languages.filter((l) => l.complete).map((l) => l.code);
}

/** A phone in this language, no service worker (its update notice would come and go between pictures). */
async function phone(browser: Browser, lang: string, dark = false): Promise<BrowserContext> {
  return browser.newContext({
    viewport: MOBILE_VIEWPORT,
    locale: lang,
    colorScheme: dark ? 'dark' : 'light',
    reducedMotion: 'reduce',
    serviceWorkers: 'block',
  });
}

async function reporterScreens(browser: Browser, url: string, pack: string, lang: string): Promise<void> {
  const t = catalogs[lang as keyof typeof catalogs];
  const context = await phone(browser, lang);
  const page = await context.newPage();
  await page.goto(url);
  await walkToReview(page, {
    t,
    story: 'Ze sturen gemene berichten in de klassengroep.',
    check: async (screen) => save(page, pack, lang, `report-${screen}`),
  });
  await save(page, pack, lang, 'report-review');
  await sendFromReview(page, { t });
  await save(page, pack, lang, 'report-receipt');
  for (const screen of DIRECT_SCREENS) {
    await page.evaluate(
      (s) => sessionStorage.setItem('vn.nav', JSON.stringify({ screens: ['start', s], depth: 2 })),
      screen,
    );
    await page.reload();
    await page.locator('h1').first().waitFor();
    await save(page, pack, lang, `report-${screen}`);
  }
  // Live chat: the screen as it opens, then waiting in line (the console takes one of these chats).
  await page.evaluate(() =>
    sessionStorage.setItem('vn.nav', JSON.stringify({ screens: ['start', 'chat'], depth: 2 })),
  );
  await page.reload();
  await page.getByRole('heading', { name: t.chatTitle }).waitFor();
  await save(page, pack, lang, 'report-chat');
  await page.getByRole('button', { name: new RegExp(`^(${t.chatStart}|${t.chatJoinQueue})$`) }).click();
  // In line (its place depends on how many wait already): the state no longer says it is starting.
  await page.waitForFunction((starting) => {
    const state = document.querySelector('[data-testid="chat-state"]')?.textContent;
    return !!state && !state.includes(starting);
  }, t.chatStarting);
  await save(page, pack, lang, 'report-chat-waiting');
  await context.close();
  // What goes wrong, on a phone of its own (a sent report's code there would fill in the follow-up form).
  const troubled = await phone(browser, lang);
  const troubledPage = await troubled.newPage();
  await walkErrorStates(troubledPage, troubled, url, {
    t,
    check: (state) => save(troubledPage, pack, lang, `report-${state}`),
  });
  await troubled.close();
  if (DARK) return; // every screen is pictured in dark already
  const dark = await phone(browser, lang, true);
  const darkPage = await dark.newPage();
  await darkPage.goto(url);
  await darkPage.locator('.choice').first().waitFor();
  await save(darkPage, pack, lang, 'report-start-dark', 'dark');
  await dark.close();
}

/** A phone whose child waits in the live chat (its first words sent), until the context is closed. */
async function waitingChild(browser: Browser, url: string, lang: string): Promise<BrowserContext> {
  const t = catalogs[(lang in catalogs ? lang : 'en') as keyof typeof catalogs];
  const context = await phone(browser, lang);
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: new RegExp(t.chatNow) }).click();
  await page.getByRole('button', { name: new RegExp(`^(${t.chatStart}|${t.chatJoinQueue})$`) }).click();
  await page.getByLabel(t.chatLabel).fill('Hoi, mag ik iets vragen?');
  await page.getByRole('button', { name: t.chatSend }).click();
  await page.getByTestId('chat-line').first().waitFor();
  return context;
}

async function consoleScreens(
  browser: Browser,
  server: Parameters<typeof signIn>[1],
  pack: string,
  langs: string[],
): Promise<void> {
  const context = await browser.newContext({
    viewport: DESKTOP,
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/console/`);
  await page.getByLabel('Work e-mail').waitFor();
  await save(page, pack, 'en', 'console-sign-in');
  await signIn(page, server);
  for (const lang of langs) {
    const menu = page.locator('#console-language');
    if ((await menu.count()) > 0) await menu.selectOption(lang);
    await page.locator('a[href$="/console/"]').last().click();
    await page.locator('tr[data-case-id]').first().waitFor();
    await save(page, pack, lang, 'console-queue');
    await page.locator('tr[data-case-id] a').first().click();
    await page.locator('.case-status').waitFor();
    await save(page, pack, lang, 'console-case');
    await page.locator('a[href$="/export"]').first().click();
    await page.waitForURL('**/export');
    await page.locator('main h1').first().waitFor();
    await save(page, pack, lang, 'console-export');
    // Every screen in the header (the demo login is an admin, so it sees them all).
    for (const name of ['supervisor', 'figures', 'chats', 'keys', 'security']) {
      await page.locator(`.top a[href$="/console/${name}"]`).click();
      await page.waitForURL(`**/console/${name}`);
      await page.locator('main h1').first().waitFor();
      await save(page, pack, lang, `console-${name}`);
    }
    // One chat: one a child left waiting (reporterScreens), taken once and opened again in each language.
    await page.locator('.top a[href$="/console/chats"]').click();
    const active = page.getByTestId('chat-active').getByRole('link').first();
    const waiting = page.getByTestId('chat-waiting').getByRole('button').first();
    // None when every child's chat has ended already: then there is no chat to picture.
    const chat = await active
      .or(waiting)
      .first()
      .waitFor({ timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (chat) {
      if ((await active.count()) > 0) await active.click();
      else await waiting.click();
      await page.waitForURL(/\/console\/chats\/[^/]+$/);
      await page.locator('main h1').first().waitFor();
      await save(page, pack, lang, 'console-chat');
    }
    // Locked (as after ten quiet minutes), then opened again with the password.
    await page.locator('.top button').first().click();
    await page.locator('#unlock-password').waitFor();
    await save(page, pack, lang, 'console-unlock');
    await page.locator('#unlock-password').fill(server.login.password);
    await page.locator('#unlock-password').press('Enter');
    await page.locator('.top a[href$="/console/chats"]').waitFor();
  }
  await context.close();
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The axe result under a picture: nothing when axe did not run, else "axe: ok" or the rules broken. */
function axeNote(s: Shot): string {
  if (!s.violations) return '';
  if (s.violations.length === 0) return ' <span class="ok">axe: ok</span>';
  const rules = s.violations.map((v) => `${esc(v.id)} (${v.nodes.length})`).join(', ');
  return ` <span class="bad">axe: ${rules}</span>`;
}

/** One line per screen × scheme × rule that axe found broken. */
function violationLines(): string[] {
  return shots.flatMap((s) =>
    (s.violations ?? []).map(
      (v) =>
        `${s.pack}/${s.lang}/${s.name.replace(/-dark$/, '')} × ${s.scheme} × ${v.id}: ${v.nodes.join(', ')}`,
    ),
  );
}

function gallery(): string {
  const sections = PACKS.flatMap((pack) =>
    [...new Set(shots.filter((s) => s.pack === pack).map((s) => s.lang))].map((lang) => {
      const figures = shots
        .filter((s) => s.pack === pack && s.lang === lang)
        .map(
          (s) =>
            `<figure><a href="${esc(s.file)}"><img src="${esc(s.file)}" alt="${esc(s.name)}" loading="lazy"></a><figcaption>${esc(s.name)}${axeNote(s)}</figcaption></figure>`,
        )
        .join('\n');
      return `<section><h2>${esc(pack)} · ${esc(lang)}</h2>\n<div class="grid">${figures}</div></section>`;
    }),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Vangnet screens</title>
<style>
body{font-family:system-ui,sans-serif;margin:1rem 2rem;color:#1a1a1a}
.grid{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
figure{margin:0;max-width:22rem}figure img{max-width:100%;max-height:40rem;border:1px solid #ccc}
figcaption{font-size:.9rem;color:#444}
.ok{color:#1a6b2a}.bad{color:#a1161b;font-weight:bold}
</style></head><body>
<h1>Vangnet: every screen, every complete language, each country pack</h1>
<p>Made by <code>npm run screens</code> from the apps as built, with the packs in country-packs/. Reporter app at 360×740, console at 1280×800.</p>
${AXE ? `<p>axe (WCAG 2.0–2.2 A/AA): ${shots.filter((s) => s.violations?.length === 0).length} of ${shots.length} screens × schemes without violations.</p>` : ''}
${sections.join('\n')}
</body></html>
`;
}

rmSync(out, { recursive: true, force: true });
ensureReportBuild();
ensureConsoleBuilt();
const browser = await launchBrowser();
try {
  for (const pack of PACKS) {
    const server = await startConsoleServer({ countryPackDir: pack });
    try {
      const langs = completeLanguages(pack);
      for (const lang of langs.filter((l) => (REPORT_LANGS as string[]).includes(l))) {
        await reporterScreens(browser, server.url, pack, lang);
      }
      await submitReport(server.url, { metadata: { country: pack } });
      // A child stays in the live chat while the console is pictured, so it has a chat to open.
      const child = await waitingChild(browser, server.url, langs[0]!);
      await consoleScreens(
        browser,
        server,
        pack,
        langs.filter((l) => CONSOLE_LANGS.includes(l)),
      );
      await child.close();
    } finally {
      await server.stop();
    }
  }
} finally {
  await browser.close();
}
writeFileSync(join(out, 'index.html'), gallery());
console.log(`\n${shots.length} screens: ${join(out, 'index.html')}`);
const broken = violationLines();
if (AXE) {
  console.log(`axe: ${shots.length} screens × schemes checked, ${broken.length} violations`);
  for (const line of broken) console.log(`  ${line}`);
  if (broken.length > 0) process.exitCode = 1;
}
if (process.argv.includes('--curate')) {
  mkdirSync(curated, { recursive: true });
  for (const [key, file] of Object.entries(CURATE)) {
    const shot = shots.find((s) => `${s.pack}/${s.lang}/${s.name}` === key);
    // A palette PNG: a quarter of the bytes, the same picture to the eye.
    if (shot)
      await sharp(join(out, shot.file))
        .png({ palette: true, compressionLevel: 9 })
        .toFile(join(curated, file));
  }
  console.log(`curated: ${curated}`);
}

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleCatalogs } from '../apps/console/src/i18n/compile-in-node.ts';
import {
  axe,
  type ConsoleServer,
  DESKTOP,
  ensureConsoleBuilt,
  freshTotp,
  type SubmittedReport,
  shot,
  startConsoleServer,
  submitReport,
} from './console-fixtures.ts';
import { launchBrowser } from './support/browser.ts';

// The console on the BE-VL pack speaks the helpline's languages: French from the browser's language
// on the first screen, a menu to change it (remembered in this browser), the reporter's language and
// role on the case, and standard replies in the reporter's language for who they are.
let server: ConsoleServer;
let browser: Browser;
let page: Page;
let parent: SubmittedReport;
let friend: SubmittedReport;

const metadata = {
  country: 'BE-VL',
  category: 'threats',
  platform: 'snapchat',
  ageBand: '13-15',
  flags: { ongoing: true, danger: false, selfHarm: false, imageAbuse: false },
} as const;

beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startConsoleServer({ countryPackDir: 'BE-VL' });
  browser = await launchBrowser();
  parent = await submitReport(server.url, {
    language: 'fr',
    description: 'Ma fille reçoit des menaces tous les soirs.',
    metadata: { ...metadata, role: 'parent' },
  });
  friend = await submitReport(server.url, {
    language: 'nl',
    description: 'Mijn vriendin wordt bedreigd in een groepschat.',
    metadata: { ...metadata, role: 'friend' },
  });
  page = await (
    await browser.newContext({ viewport: DESKTOP, locale: 'fr-BE', colorScheme: 'light' })
  ).newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const htmlLang = () => page.evaluate(() => document.documentElement.lang);
const htmlDir = () => page.evaluate(() => document.documentElement.dir);

async function openCase(id: string) {
  await page.locator(`a[href$="/cases/${id}"]`).click();
  await page.locator('.report-text').waitFor();
}

describe('console languages (BE-VL)', () => {
  it('signs in in French, negotiated from the browser, with no axe violations', async () => {
    await page.goto(`${server.url}/console/`);
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(await htmlLang()).toBe('fr');
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('Adresse e-mail professionnelle').fill(server.login.email);
    await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByLabel('Mot de passe').fill(server.login.password);
    await page.getByRole('button', { name: 'Suivant' }).click();
    await page
      .getByLabel('Code de votre application d’authentification')
      .fill(await freshTotp(server.login.totpSecret));
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Dossiers ouverts' }).waitFor();
    await expect.poll(() => page.locator('table.cases tbody tr').count()).toBe(2);
    await expect.poll(() => page.locator('table.cases').innerText()).toContain('Menaces');
    expect(await axe(page)).toEqual([]);
  });

  it('shows the reporter’s language and role, and offers replies in their language for who they are', async () => {
    await openCase(parent.reportId);
    const reporter = page.getByRole('region', { name: 'Personne qui signale', exact: true });
    await expect.poll(() => reporter.innerText()).toContain('Un parent ou un éducateur');
    await expect.poll(() => reporter.innerText()).toContain('Français');

    // The worker sets the name they sign with; the first contact introduces them by it.
    await page.getByText('Votre nom dans les réponses').first().click();
    await page.getByRole('textbox', { name: 'Votre nom dans les réponses' }).fill('Anna');
    await page.getByRole('button', { name: 'Enregistrer le nom' }).click();
    await page.getByRole('status').filter({ hasText: 'Nom enregistré.' }).waitFor();

    await page.getByRole('button', { name: 'Premier contact' }).click();
    const draft = page.getByLabel('Réponse', { exact: true });
    await expect.poll(() => draft.inputValue()).toContain('Bonjour, je suis Anna');
    // A parent is addressed formally and asked about the young person.
    await expect.poll(() => draft.inputValue()).toContain('Le jeune est-il en sécurité maintenant ?');
    expect(await draft.getAttribute('lang')).toBe('fr');
    await page.getByRole('button', { name: 'Chantage : ne pas payer' }).click();
    await expect.poll(() => draft.inputValue()).toContain('Ne payez pas');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'case-fr');

    // A Dutch-speaking friend gets Dutch replies for a friend, while the console stays French.
    await page.getByRole('link', { name: /Retour à la file d’attente/ }).click();
    await openCase(friend.reportId);
    await expect
      .poll(() => page.getByRole('region', { name: 'Personne qui signale', exact: true }).innerText())
      .toContain('Un ami ou un témoin');
    await page.getByRole('button', { name: 'Eerste contact' }).click();
    await expect.poll(() => draft.inputValue()).toContain('Ik ben Anna van');
    await expect
      .poll(() => draft.inputValue())
      .toContain('Is je vriend of vriendin nu veilig? En ben jij nu veilig?');
    expect(await draft.getAttribute('lang')).toBe('nl');
  });

  it.each([
    ['nl', 'Taal van de console', 'Melder', 'Open dossiers'],
    ['en', 'Console language', 'Reporter', 'Open cases'],
    ['de', 'Sprache der Konsole', 'Meldende Person', 'Offene Fälle'],
    ['tr', 'Konsol dili', 'Bildirimde bulunan kişi', 'Açık vakalar'],
    // Arabic runs right to left: the whole console mirrors (html dir="rtl"), the back arrow turns round.
    ['ar', 'لغة وحدة التحكم', 'المُبلِّغ', 'الحالات المفتوحة'],
    ['uk', 'Мова консолі', 'Заявник', 'Відкриті справи'],
    ['pl', 'Język konsoli', 'Osoba zgłaszająca', 'Otwarte sprawy'],
    ['fr', 'Langue de la console', 'Personne qui signale', 'Dossiers ouverts'],
  ])(
    'switches to %s from the header menu; case and queue have no axe violations',
    async (lang, menu, reporter, queue) => {
      await page.locator('#console-language').selectOption(lang);
      await expect.poll(htmlLang).toBe(lang);
      const rtl = lang === 'ar';
      await expect.poll(htmlDir).toBe(rtl ? 'rtl' : 'ltr');
      await page.getByRole('region', { name: reporter, exact: true }).waitFor();
      await page.getByRole('combobox', { name: menu, exact: true }).waitFor();
      // The reporter wrote in Dutch: their words keep their own direction inside an Arabic page.
      expect(await page.locator('.report-text').getAttribute('dir')).toBe('auto');
      await expect
        .poll(() =>
          page
            .locator('.flip-rtl')
            .first()
            .evaluate((el) => getComputedStyle(el).transform),
        )
        .toBe(rtl ? 'matrix(-1, 0, 0, 1, 0, 0)' : 'none');
      expect(await axe(page)).toEqual([]);
      if (rtl) await shot(page, 'case-ar');
      await page.locator('a[href$="/console/"]').last().click();
      await page.getByRole('heading', { name: queue }).waitFor();
      expect(await axe(page)).toEqual([]);
      if (rtl) await shot(page, 'queue-ar');
      // The screens issue 10 added, in this language too: the supervisor's and the passkeys'; and issue 12's figures.
      const words = consoleCatalogs[lang as keyof typeof consoleCatalogs];
      await page.getByRole('link', { name: words.supervisor.nav, exact: true }).click();
      await page.getByRole('heading', { name: words.supervisor.title, level: 1 }).waitFor();
      expect(await axe(page)).toEqual([]);
      // Issue 12's figures screen: rises and the helpline's own "did this help?" answers.
      await page.getByRole('link', { name: words.figures.nav, exact: true }).click();
      await page.getByRole('heading', { name: words.figures.title, level: 1 }).waitFor();
      await page.getByRole('heading', { name: words.figures.feedbackTitle, level: 2 }).waitFor();
      await page.getByRole('table', { name: words.figures.feedbackTitle }).waitFor();
      expect(await axe(page)).toEqual([]);
      await page.getByRole('link', { name: words.passkeys.nav, exact: true }).click();
      await page.getByRole('heading', { name: words.passkeys.title, level: 1 }).waitFor();
      expect(await axe(page)).toEqual([]);
      await page.locator('a[href$="/console/"]').last().click();
      await page.getByRole('heading', { name: queue }).waitFor();
      await openCase(friend.reportId);
    },
  );

  it('remembers the choice in this browser, over the browser’s language', async () => {
    await page.locator('#console-language').selectOption('nl');
    await expect.poll(htmlLang).toBe('nl');
    // A reload drops the keys (they live in memory only): the sign-in screen comes back, in Dutch.
    await page.reload();
    await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
    expect(await htmlLang()).toBe('nl');
    expect(await page.evaluate(() => document.cookie)).not.toContain('nl');
  });

  it.each([
    ['nl-BE', 'nl', 'Aanmelden'],
    ['en-GB', 'en', 'Sign in'],
    ['de-BE', 'de', 'Anmelden'],
    ['tr-BE', 'tr', 'Giriş yap'],
    ['ar-MA', 'ar', 'تسجيل الدخول'],
    // Swedish is not one of the pack's languages: the pack's default.
    ['sv-SE', 'nl', 'Aanmelden'],
  ])('a browser in %s gets the sign-in screen in %s, without axe violations', async (locale, lang, title) => {
    const fresh = await (
      await browser.newContext({ viewport: DESKTOP, locale, colorScheme: 'light' })
    ).newPage();
    await fresh.goto(`${server.url}/console/`);
    await fresh.getByRole('heading', { name: title }).waitFor();
    expect(await fresh.evaluate(() => document.documentElement.lang)).toBe(lang);
    expect(await fresh.evaluate(() => document.documentElement.dir)).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    // An e-mail address reads left to right, in an Arabic page too.
    const email = fresh.locator('input[type="email"]:not([hidden])');
    expect(await email.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    expect(await axe(fresh)).toEqual([]);
    await fresh.context().close();
  });
});

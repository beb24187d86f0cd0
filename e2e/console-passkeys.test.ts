import type { Browser, BrowserContext, CDPSession, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axe,
  type ConsoleServer,
  DESKTOP,
  ensureConsoleBuilt,
  freshTotp,
  type SubmittedReport,
  shot,
  signIn,
  startConsoleServer,
  submitReport,
} from './console-fixtures.ts';
import { launchBrowser } from './support/browser.ts';

// Passkeys for staff, in Chromium with its virtual WebAuthn authenticator (CDP): a worker signs in
// with password + TOTP, adds a passkey on the Security screen, signs out, signs in with the passkey
// alone and opens a case whose sealed text decrypts (the PRF extension unwrapped the helpline key).
// Then a passkey without PRF: the sign-in works, and the password still unlocks the case keys.
// Everything on the new screens is done with the keyboard.
let server: ConsoleServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cdp: CDPSession;
let report: SubmittedReport;
let prfAuthenticator: string;
/** WebAuthn needs a domain as relying party id, not an IP address: the console is opened on localhost. */
let base: string;
const pageErrors: string[] = [];

async function addAuthenticator(hasPrf: boolean): Promise<string> {
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
      hasPrf,
    },
  });
  return authenticatorId;
}

/** Presses Tab until `target` has focus (so it is reachable by keyboard), then returns. */
async function tabTo(target: Locator, max = 200): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with Tab: ${target}`);
}

beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startConsoleServer();
  base = server.url.replace('127.0.0.1', 'localhost');
  report = await submitReport(server.url, { description: 'Ze zetten mijn foto online zonder te vragen.' });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: DESKTOP });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
});

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await server?.stop();
});

async function goToQueue() {
  await tabTo(page.getByRole('link', { name: 'Vangnet console' }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Open cases' }).waitFor();
}

async function signOut() {
  await page.getByRole('button', { name: 'Sign out' }).press('Enter');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

async function addPasskeyWithKeyboard(name: string) {
  const link = page.getByRole('link', { name: 'Security' });
  await tabTo(link);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Passkeys', level: 1 }).waitFor();
  const field = page.getByLabel('Name', { exact: true });
  await tabTo(field);
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  // The whole status and alert text, so a failure shows what the screen said.
  await expect
    .poll(
      async () =>
        `${await page.getByRole('status').first().innerText()}${await page.locator('[role=alert]').allInnerTexts()}`,
    )
    .toBe(`Passkey “${name}” added.`);
}

describe('console: passkeys for staff', () => {
  it('adds a passkey (with PRF) after a password sign-in, on a screen without axe violations', async () => {
    prfAuthenticator = await addAuthenticator(true);
    const authenticator = prfAuthenticator;
    await signIn(page, { url: base, login: server.login });
    await addPasskeyWithKeyboard('Work laptop');
    const row = page.locator('table.passkeys tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.first().innerText()).toMatch(/Work laptop[\s\S]*Never[\s\S]*Yes/);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'passkeys');
    // The authenticator holds one discoverable credential for this site.
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: authenticator });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.isResidentCredential).toBe(true);
    expect(credentials[0]?.rpId).toBe('localhost');
  });

  it('signs out, signs in with the passkey alone and opens a case whose content decrypts', async () => {
    await signOut();
    expect(await axe(page)).toEqual([]);
    await shot(page, 'sign-in-passkey');
    await tabTo(page.getByRole('button', { name: 'Sign in with a passkey' }));
    await page.keyboard.press('Enter');
    // PRF unwrapped the helpline key: no password asked, the console opens unlocked (where it was).
    await page.getByRole('heading', { name: 'Passkeys', level: 1 }).waitFor();
    await goToQueue();
    await page.locator(`tr[data-case-id="${report.reportId}"] a`).press('Enter');
    await expect.poll(() => page.locator('.report-text').innerText()).toContain('zonder te vragen');
    // Locked (the keys leave memory), the same passkey unlocks again: no password.
    await tabTo(page.getByRole('button', { name: 'Lock' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Console locked' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await tabTo(page.getByRole('button', { name: 'Unlock with your passkey' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.report-text').innerText()).toContain('zonder te vragen');
  });

  it('a passkey without PRF signs in too; then the password unlocks the case keys', async () => {
    // Another authenticator, without PRF, in place of the first (still signed in from above).
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: prfAuthenticator });
    const plain = await addAuthenticator(false);
    await addPasskeyWithKeyboard('Security key');
    await expect
      .poll(() => page.locator('tr', { hasText: 'Security key' }).innerText())
      .toContain('No, password needed');
    await signOut();
    await tabTo(page.getByRole('button', { name: 'Sign in with a passkey' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Unlock the case keys' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await shot(page, 'passkey-unlock');
    const password = page.getByLabel('Password');
    await tabTo(password);
    await page.keyboard.type(server.login.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Passkeys', level: 1 }).waitFor();
    await goToQueue();
    await page.locator(`tr[data-case-id="${report.reportId}"] a`).press('Enter');
    await expect.poll(() => page.locator('.report-text').innerText()).toContain('zonder te vragen');
    // The sign-in moved the authenticator's signature counter on.
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: plain });
    expect(credentials[0]?.signCount).toBeGreaterThan(0);
  });

  it('removes a passkey with the keyboard', async () => {
    await tabTo(page.getByRole('link', { name: 'Security' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Passkeys', level: 1 }).waitFor();
    const remove = page.getByRole('button', { name: 'Remove Work laptop' });
    await tabTo(remove);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').first().innerText())
      .toBe('Passkey “Work laptop” removed.');
    await expect.poll(() => page.locator('table.passkeys tbody tr').count()).toBe(1);
  });

  it('an administrator requires passkeys for the helpline; then password + TOTP is refused and the passkey works', async () => {
    const rule = page.getByRole('checkbox', { name: 'Require a passkey for every worker of this helpline' });
    await tabTo(rule);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('status').nth(1).innerText()).toBe('Saved.');
    await expect.poll(() => rule.isChecked()).toBe(true);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'passkeys-admin');
    await signOut();
    // The password and code are right, but this worker must use the passkey.
    await page.getByLabel('Work e-mail').fill(server.login.email);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Password').fill(server.login.password);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Code from your authenticator app').fill(await freshTotp(server.login.totpSecret));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toBe('Your helpline asks you to sign in with your passkey.');
    await tabTo(page.getByRole('button', { name: 'Sign in with a passkey' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Unlock the case keys' }).waitFor();
  });

  it('offers no passkey where none can work: the console opened by IP address', async () => {
    await page.goto(`${server.url}/console/`);
    await page.getByLabel('Work e-mail').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Sign in with a passkey' }).count()).toBe(0);
  });
});

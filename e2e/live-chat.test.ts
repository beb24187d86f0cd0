import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../apps/server/src/server.ts';
import { dumpAllTables } from '../apps/server/test/support/table-dump.ts';
import { axe as consoleAxe, DESKTOP, ensureConsoleBuilt, makePng, signIn } from './console-fixtures.ts';
import { launchBrowser } from './support/browser.ts';
import { axe, ensureReportBuild, phoneContext } from './support/report-app.ts';
import { catalogs } from './support/report-walk.ts';

// Issue 16's Done-when, two browsers: a child taps "Chat now" in Dutch without making a report, a
// counsellor takes the chat in the console, 20 messages go each way (each shown on the other side
// within 1 s), the child's network is cut for 10 s and the server restarts once during the chat:
// nothing lost, nothing doubled, order kept. The child shares a photo from the vault and the counsellor
// sees it with its integrity state; the chat becomes a report (a code for the child, the case in the
// queue with the transcript and the photo); the child leaves fast and the counsellor sees it. A marker
// written in the chat is then found in no table, no file of the data folder and no log line.
const t = catalogs.nl;
const MARKER = `CHATMARK${randomBytes(6).toString('hex')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-e2e-chat-'));
const logLines: string[] = [];
let server: RunningServer;
let login: { email: string; password: string; totpSecret: string };
let browser: Browser;
let childContext: BrowserContext;
let child: Page;
let counsellor: Page;
/** Every message in the order it was written; both sides must end with exactly this list. */
const written: { author: 'child' | 'counsellor'; text: string }[] = [];

const start = (port = 0) =>
  startServer({
    port,
    host: '127.0.0.1',
    dataDir,
    logLevel: 'info',
    logStream: { write: (line: string) => logLines.push(line) },
  });

beforeAll(async () => {
  ensureReportBuild();
  ensureConsoleBuilt();
  server = await start();
  login = server.demoLogin as unknown as typeof login;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const childTexts = () => child.locator('[data-testid="chat-line"] .chat-text').allInnerTexts();
const counsellorTexts = () => counsellor.locator('[data-testid="chat-line"] .message-text').allInnerTexts();

async function childSays(text: string, within = 1000) {
  written.push({ author: 'child', text });
  await child.getByLabel(t.chatLabel).fill(text);
  await child.getByRole('button', { name: t.chatSend }).click();
  if (within > 0)
    await expect.poll(async () => (await counsellorTexts()).includes(text), { timeout: within }).toBe(true);
}

async function counsellorSays(text: string, within = 1000) {
  written.push({ author: 'counsellor', text });
  await counsellor.getByLabel('Your reply').fill(text);
  await counsellor.getByRole('button', { name: 'Send', exact: true }).click();
  if (within > 0)
    await expect.poll(async () => (await childTexts()).includes(text), { timeout: within }).toBe(true);
}

describe('live chat between a child and a counsellor', () => {
  it('the child taps "Chat now" without a report and waits in line', async () => {
    childContext = await phoneContext(browser, 'nl-NL');
    child = await childContext.newPage();
    await child.goto(server.url);
    await child.getByRole('button', { name: new RegExp(t.chatNow) }).click();
    await child.getByRole('heading', { name: t.chatTitle }).waitFor();
    await child.getByRole('button', { name: new RegExp(`^(${t.chatStart}|${t.chatJoinQueue})$`) }).click();
    await child.getByText(t.chatWaiting(1)).waitFor();
    expect(await axe(child)).toEqual([]);
  });

  it('a counsellor sees the chat in the queue (language, waiting time) and takes it', async () => {
    counsellor = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await signIn(counsellor, { url: server.url, login: login as never });
    await counsellor.getByRole('link', { name: 'Live chats' }).click();
    const row = counsellor.getByTestId('chat-waiting');
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.innerText()).toContain('nl');
    expect(await consoleAxe(counsellor)).toEqual([]);
    await row.getByRole('button', { name: 'Take' }).click();
    await counsellor.getByRole('heading', { name: 'Live chat' }).waitFor();
    await child.getByText(t.chatAnswered).waitFor();
    await counsellor.getByText('Live.').waitFor();
    expect(await consoleAxe(counsellor)).toEqual([]);
  });

  it('20 messages go each way, each shown on the other side within a second', async () => {
    for (let i = 1; i <= 20; i++) {
      await childSays(`kind ${i}${i === 7 ? ` ${MARKER}` : ''}`);
      await counsellorSays(`hulp ${i}${i === 9 ? ` ${MARKER}` : ''}`);
    }
    expect(await axe(child)).toEqual([]);
    expect(await consoleAxe(counsellor)).toEqual([]);
  });

  it("the child's network is cut for 10 s: what was written meanwhile arrives after, once, in order", async () => {
    await childContext.setOffline(true);
    await counsellorSays('tijdens de storing 1', 0);
    await childSays('offline geschreven 1', 0);
    await counsellorSays('tijdens de storing 2', 0);
    await childSays('offline geschreven 2', 0);
    // The cut lasts 10 s: the scenario of the issue, not a wait for a result.
    await child.waitForTimeout(10_000);
    await childContext.setOffline(false);
    await expect.poll(childTexts, { timeout: 10_000 }).toEqual(expectedChildView());
    await expect.poll(counsellorTexts, { timeout: 10_000 }).toEqual(expectedCounsellorView());
  });

  it('the server restarts during the chat: both sides resume, no message lost or doubled', async () => {
    const port = Number(new URL(server.url).port);
    await server.close();
    server = await start(port);
    await childSays('na de herstart', 10_000);
    await counsellorSays('ik ben er nog', 10_000);
    for (let i = 1; i <= 3; i++) {
      await childSays(`weer live ${i}`);
      await counsellorSays(`antwoord ${i}`);
    }
    await expect.poll(childTexts).toEqual(expectedChildView());
    await expect.poll(counsellorTexts).toEqual(expectedCounsellorView());
    const all = written.map((w) => w.text);
    expect(new Set(all).size).toBe(all.length);
  });

  it('the counsellor shows the emergency numbers inside the chat and the chat becomes urgent', async () => {
    await counsellor.getByRole('button', { name: 'Send the emergency numbers' }).click();
    await expect.poll(async () => (await childTexts()).at(-1), { timeout: 1000 }).toContain('112');
    await counsellor.getByText('Urgent', { exact: true }).waitFor();
    expect(await consoleAxe(counsellor)).toEqual([]);
  });

  it('the child shares a photo from the vault; the counsellor sees it inline with its integrity state', async () => {
    await child.getByRole('button', { name: t.chatShare }).click();
    // No vault on this phone yet: the child picks a PIN, then adds the photo to the vault and shares it.
    await child.getByLabel(t.vaultPin, { exact: true }).fill('4821');
    await child.getByLabel(t.vaultPinAgain).fill('4821');
    await child.getByRole('button', { name: t.vaultCreate }).click();
    await child
      .getByLabel(t.vaultAddPhoto)
      .setInputFiles({ name: 'bericht.png', mimeType: 'image/png', buffer: Buffer.from(await makePng(3)) });
    expect(await axe(child)).toEqual([]);
    await child.getByRole('button', { name: t.chatSharePhoto(1) }).click({ timeout: 60_000 });
    await child.locator('.chat-line.mine .chat-photo img').waitFor();
    const shared = counsellor.locator('[data-testid="chat-line"] .evidence');
    await shared.locator('[data-integrity="ok"]').waitFor();
    await expect.poll(() => shared.innerText()).toContain('Intact');
    await expect.poll(() => shared.locator('img.evidence-image').count()).toBe(1);
    expect(await consoleAxe(counsellor)).toEqual([]);
  });

  it('the chat becomes a report with one tap: the child gets a code, the counsellor a link to the case', async () => {
    await child.getByRole('button', { name: t.chatMakeReport }).click();
    await expect.poll(() => child.getByTestId('receipt-code').innerText()).toMatch(/^(\d{3} ){6}\d{3}$/);
    await child.getByText(t.chatReportDone).waitFor({ timeout: 30_000 });
    expect(await axe(child)).toEqual([]);
    await counsellor.getByTestId('chat-report').getByRole('link', { name: 'Open the report' }).waitFor();
  });

  it('the child leaves fast: the chat ends on the server and the counsellor sees that the child left', async () => {
    await child.getByRole('button', { name: t.quickExit }).click();
    await counsellor.getByText('The young person left the chat.').waitFor();
    expect(await consoleAxe(counsellor)).toEqual([]);
  });

  it('the report is in the queue with the transcript and the photo attached, all intact', async () => {
    const link = counsellor.getByTestId('chat-report').getByRole('link', { name: 'Open the report' });
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/console\/cases\/[0-9a-f-]{36}$/);
    await link.click();
    await counsellor.locator('.integrity-summary[data-integrity="ok"]').waitFor({ timeout: 30_000 });
    const items = counsellor.locator('.evidence-list .evidence');
    await expect.poll(() => items.count()).toBe(2);
    await expect.poll(() => counsellor.locator('.evidence [data-integrity="ok"]').count()).toBe(2);
    const transcript = await counsellor.locator('.evidence .evidence-text').innerText();
    expect(transcript).toContain(`${t.chatYou}: kind 1`);
    expect(transcript).toContain(`${t.chatHelpline}: ik ben er nog`);
    expect(transcript).toContain(`[${t.chatPhoto}]`);
    await expect.poll(() => counsellor.locator('img.evidence-image').count()).toBe(1);
    expect(await consoleAxe(counsellor)).toEqual([]);
    await counsellor.getByRole('link', { name: 'Vangnet console' }).click();
    await counsellor.getByRole('heading', { name: 'Open cases' }).waitFor();
    await expect.poll(() => counsellor.locator(`table.cases tbody tr a[href="${href}"]`).count()).toBe(1);
  });

  it('the marker written in the chat is in no table, no file of the data folder and no log line', async () => {
    const dump = await dumpAllTables(server.deps.db);
    expect(dump).toContain('chat_messages');
    expect(dump).not.toContain(MARKER);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((l) => l.includes(MARKER))).toEqual([]);
    const files = filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(0);
    const needle = Buffer.from(MARKER);
    expect(files.filter((f) => readFileSync(f).includes(needle))).toEqual([]);
  });
});

/**
 * What each side shows: the server's order. Lines written on the same side keep their order; the
 * child's lines written offline reach the server after everything the counsellor sent meanwhile.
 */
function expectedChildView(): string[] {
  return serverOrder();
}
function expectedCounsellorView(): string[] {
  return serverOrder();
}
function serverOrder(): string[] {
  const offline = written.filter((w) => w.text.startsWith('offline'));
  const rest = written.filter((w) => !w.text.startsWith('offline'));
  const cutEnd = rest.findIndex((w) => w.text === 'tijdens de storing 2') + 1;
  return [...rest.slice(0, cutEnd), ...offline, ...rest.slice(cutEnd)].map((w) => w.text);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? filesUnder(path) : statSync(path).isFile() ? [path] : [];
  });
}

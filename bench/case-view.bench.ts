// The console's case view with 5 evidence images, in Chromium: time from clicking the case in the queue
// to the first image drawn (fetch the case, open the sealed body, fetch and open each item, check its
// hashes, draw it), to all five drawn, and from pressing Enter on "View … full size" to the full-size
// picture drawn in the viewer. Printed next to a reference measured in the same run and browser: the
// same five PNGs as plain, unencrypted <img> on a static page served from loopback (click a link → first
// image drawn; click a thumbnail → full-size copy drawn). `npm run bench -- case-view`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import {
  DESKTOP,
  ensureConsoleBuilt,
  makePng,
  signIn,
  startConsoleServer,
  submitReport,
} from '../e2e/console-fixtures.ts';
import { launchBrowser } from '../e2e/support/browser.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WIDTH = 1920;
const HEIGHT = 1080;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** True once `selector` matches `n` images that are loaded and decoded. */
const drawn = (page: Page, selector: string, n: number) =>
  page.waitForFunction(
    ([sel, count]) => {
      const imgs = [...document.querySelectorAll(sel as string)] as HTMLImageElement[];
      return (
        imgs.length >= (count as number) &&
        imgs.slice(0, count as number).every((i) => i.complete && i.naturalWidth > 0)
      );
    },
    [selector, n] as const,
    { timeout: 60_000, polling: 'raf' },
  );

/** The reference: a static page with the same PNGs as plain <img>, and a full-size overlay on click. */
async function startReference(images: Uint8Array[]) {
  // Same as the console: the page is already open; a click puts the five pictures on it (fetched again
  // each time: no-store), and a click on the first shows a full-size copy.
  const page = `<!doctype html><html lang="en"><title>reference</title>
<style>.thumb{max-width:300px;max-height:360px}#full{position:fixed;inset:0;overflow:auto;background:#222}</style>
<button type="button" id="open">open</button><main></main>
<script>
const main = document.querySelector('main');
document.getElementById('open').addEventListener('click', () => {
  const bust = Date.now();
  main.innerHTML = [${images.map((_, i) => i).join(',')}].map((i) =>
    '<button type="button" data-i="' + i + '"><img class="thumb" alt="image ' + (i + 1) + '" src="/img-' + i + '.png?' + bust + '"></button>').join('');
});
main.addEventListener('click', (e) => {
  const b = e.target.closest('button'); if (!b) return;
  const d = document.createElement('div'); d.id = 'full';
  d.innerHTML = '<img class="full" alt="full size" src="' + b.querySelector('img').src + '">';
  document.body.append(d);
});
</script></html>`;
  const server = createServer((req, res) => {
    const m = /^\/img-(\d)\.png/.exec(req.url ?? '');
    if (m) {
      res
        .writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' })
        .end(images[Number(m[1])]);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

ensureConsoleBuilt();
const browser = await launchBrowser();
const server = await startConsoleServer();
const images = await Promise.all([1, 2, 3, 4, 5].map((s) => makePng(s, WIDTH, HEIGHT)));
const reference = await startReference(images);
const console5 = { first: [] as number[], all: [] as number[], full: [] as number[] };
const plain = { first: [] as number[], all: [] as number[], full: [] as number[] };
try {
  // Two cases with the same five images, opened in turn: the console keeps the last case in memory,
  // so each run opens the one not held.
  const cases = [await submitReport(server.url, { images }), await submitReport(server.url, { images })];
  const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await signIn(page, server);
  const ref = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await ref.goto(`${reference.url}/`);
  for (let run = 0; run < RUNS + 2; run++) {
    const caseId = cases[run % 2]!.reportId;
    await page.evaluate(() => {
      history.pushState(null, '', '/console/');
      dispatchEvent(new PopStateEvent('popstate'));
    });
    const row = page.locator(`tr[data-case-id="${caseId}"] a`);
    await row.waitFor({ timeout: 60_000 });
    let started = Date.now();
    await row.click();
    await drawn(page, 'img.evidence-image', 1);
    const first = Date.now() - started;
    await drawn(page, 'img.evidence-image', 5);
    const all = Date.now() - started;
    await page.getByRole('button', { name: 'View screenshot-1.png full size' }).focus();
    started = Date.now();
    await page.keyboard.press('Enter');
    await drawn(page, '.viewer-stage img', 1);
    const full = Date.now() - started;
    await page.keyboard.press('Escape');
    await page.locator('dialog.viewer').waitFor({ state: 'detached' });
    // The first two runs warm both cases' code paths; they are not counted.
    if (run >= 2) {
      console5.first.push(first);
      console5.all.push(all);
      console5.full.push(full);
    }

    started = Date.now();
    await ref.getByRole('button', { name: 'open' }).click();
    await drawn(ref, 'img.thumb', 1);
    const refFirst = Date.now() - started;
    await drawn(ref, 'img.thumb', 5);
    const refAll = Date.now() - started;
    started = Date.now();
    await ref.locator('main button[data-i="0"]').click();
    await drawn(ref, 'img.full', 1);
    const refFull = Date.now() - started;
    await ref.evaluate(() => document.getElementById('full')?.remove());
    if (run >= 2) {
      plain.first.push(refFirst);
      plain.all.push(refAll);
      plain.full.push(refFull);
    }
  }
} finally {
  await browser.close();
  await server.stop();
  await reference.close();
}

const n = console5.first.length;
const line = (label: string, c: number[], p: number[]) =>
  console.log(
    `  ${label.padEnd(24)} console ${String(median(c)).padStart(5)} ms   plain <img> ${String(median(p)).padStart(5)} ms   ratio ${(median(c) / Math.max(1, median(p))).toFixed(1)}x`,
  );
console.log(
  `case view with 5 images (${WIDTH}x${HEIGHT} PNG, ~${Math.round(images[0]!.length / 1024)} KiB each), Chromium, median of ${n}`,
);
line('first image drawn', console5.first, plain.first);
line('all 5 images drawn', console5.all, plain.all);
line('full-size view drawn', console5.full, plain.full);
console.log(
  `  console runs (first/all/full ms): ${console5.first.map((f, i) => `${f}/${console5.all[i]}/${console5.full[i]}`).join(', ')}`,
);

import { generateReceiptCode } from '@vangnet/crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { type WalkOptions, walkToReview } from './report-walk.ts';

/**
 * The reporter app's states when something goes wrong, each reached for real and handed to `check` (axe,
 * a picture): the offline notice on the start screen, a follow-up code the helpline never gave out, a send
 * whose connection drops (the code kept, "try again") and a send the server refuses (problem+json; crisis
 * help offered). On a phone that has sent nothing yet (a sent report's code would fill in the follow-up
 * form); ends on the refused send, the network answering normally again.
 */
export async function walkErrorStates(
  page: Page,
  context: BrowserContext,
  url: string,
  o: Pick<WalkOptions, 't'> & { check: (state: string) => Promise<void> },
): Promise<void> {
  const { t, check } = o;
  // The app restores its screen from the tab's session on a reload: start afresh on the start screen.
  const home = async () => {
    if (page.url().startsWith(url)) await page.evaluate(() => sessionStorage.removeItem('vn.nav'));
    await page.goto(url);
  };
  await home();
  await page.locator('.choice').first().waitFor();
  await context.setOffline(true);
  await page.getByText(t.offlineNote).waitFor();
  await check('offline');
  await context.setOffline(false);
  await page.getByText(t.offlineNote).waitFor({ state: 'detached' });

  await page.getByRole('button', { name: new RegExp(t.startFollow) }).click();
  await page.getByLabel(t.followLabel).fill(generateReceiptCode());
  await page.getByRole('button', { name: t.followOpen }).click();
  await page.locator('#code-error', { hasText: t.followNotFound }).waitFor();
  await check('follow-not-found');

  await home();
  await walkToReview(page, { t });
  const reports = '**/api/v1/reports';
  await page.route(reports, (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: t.send }).click();
  await page.getByText(t.sendingWaiting).waitFor();
  await page.getByTestId('receipt-code').waitFor();
  await check('send-cut-off');

  await page.unroute(reports);
  await page.route(reports, (route) =>
    route.fulfill({
      status: 422,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'about:blank', title: 'Refused', status: 422, code: 'report.invalid' }),
    }),
  );
  await page.getByRole('button', { name: t.sendingRetry }).click();
  await page.getByText(t.sendingRejected).waitFor();
  await check('send-refused');
  await page.unroute(reports);
}

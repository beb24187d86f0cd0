import type { AgeBand, CategoryCode, Role } from '@vangnet/core/taxonomy';
import type { Page } from 'playwright-core';
import { ar } from '../../apps/report/src/i18n/ar.ts';
import { de } from '../../apps/report/src/i18n/de.ts';
import { en, type Messages } from '../../apps/report/src/i18n/en.ts';
import { fr } from '../../apps/report/src/i18n/fr.ts';
import { nl } from '../../apps/report/src/i18n/nl.ts';
import { pl } from '../../apps/report/src/i18n/pl.ts';
import { wordsFor } from '../../apps/report/src/i18n/role-words.ts';
import { tr } from '../../apps/report/src/i18n/tr.ts';
import { uk } from '../../apps/report/src/i18n/uk.ts';

/** The app's own catalogs, so a walk finds its buttons by the words a child sees, in any language. */
export const catalogs = { nl, en, fr, de, tr, ar, uk, pl } satisfies Record<string, Messages>;

export interface WalkOptions {
  t: Messages;
  /** Called on every screen (axe, screenshot). */
  check?: (screen: string) => Promise<void>;
  images?: string[];
  pasted?: string;
  story?: string;
  pin?: string;
  /** Only the keyboard: Tab, Space, Enter and typing. No clicks. */
  keyboard?: boolean;
  platform?: string;
  /** Typed into the "links" field of the story step. */
  links?: string;
  /** Who reports (default: the child about themselves); later screens are worded for this role. */
  role?: Role;
  category?: CategoryCode;
  /** Not asked of an adult about themselves. */
  ageBand?: AgeBand;
}

/** The screen is there once its heading has taken focus (each screen moves focus to its h1). */
async function waitForHeading(page: Page, text: string): Promise<void> {
  await page.locator('h1', { hasText: text }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
}

interface Focused {
  tag: string;
  type: string;
  name: string;
}

/** Presses Tab until the focused element matches; fails after a full lap. */
export async function tabTo(page: Page, match: (f: Focused) => boolean, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate((): Focused => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return { tag: '', type: '', name: '' };
      const input = el as HTMLInputElement;
      const label =
        (input.id && document.querySelector(`label[for="${input.id}"]`)?.textContent) ||
        el.closest('label')?.textContent ||
        el.textContent ||
        '';
      return {
        tag: el.tagName.toLowerCase(),
        type: input.type ?? '',
        name: label.replace(/\s+/g, ' ').trim(),
      };
    });
    if (match(focused)) return;
  }
  throw new Error('tabTo: nothing matched');
}

const isButton = (name: string) => (f: Focused) => f.tag === 'button' && f.name === name;
const isField = (name: string) => (f: Focused) =>
  (f.tag === 'input' || f.tag === 'textarea') && f.name.startsWith(name);

async function next(page: Page, o: WalkOptions): Promise<void> {
  if (o.keyboard) {
    await tabTo(page, isButton(o.t.next));
    await page.keyboard.press('Enter');
  } else {
    await page.getByRole('button', { name: o.t.next, exact: true }).click();
  }
}

async function choose(page: Page, o: WalkOptions, label: string | null): Promise<void> {
  if (o.keyboard) {
    // Tab lands on the group's first radio; Space picks it.
    await tabTo(page, (f) => f.type === 'radio');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.checked === true);
  } else if (label) {
    // The name is the label, then the hint (if any): match the label at the start, whole words.
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await page.getByRole('radio', { name: new RegExp(`^${escaped}( |$)`) }).check();
  } else {
    await page.getByRole('radio').first().check();
  }
}

/** From the start screen to the review screen, answering every question. */
export async function walkToReview(page: Page, o: WalkOptions): Promise<void> {
  const { t } = o;
  const check = o.check ?? (async () => {});
  await waitForHeading(page, t.startTitle);
  await check('start');
  if (o.keyboard) {
    await tabTo(page, (f) => f.tag === 'button' && f.name.startsWith(t.startReport));
    await page.keyboard.press('Enter');
  } else {
    await page.getByRole('button', { name: new RegExp(t.startReport) }).click();
  }
  // Who reports comes first; every later screen is worded for that role.
  await waitForHeading(page, t.whoTitle);
  await check('who');
  const role = o.role ?? 'self';
  await choose(page, o, t.roles[role] ?? null);
  await next(page, o);
  const w = wordsFor(t, role);

  await waitForHeading(page, w.whatTitle);
  await check('what');
  await choose(page, o, t.categories[o.category ?? 'harassment']?.[0] ?? null);
  await next(page, o);

  await waitForHeading(page, w.whereTitle);
  await check('where');
  await choose(page, o, o.platform ?? null);
  await next(page, o);

  if (role !== 'adult') {
    await waitForHeading(page, w.ageTitle);
    await check('age');
    await choose(page, o, t.ages[o.ageBand ?? '13-15'] ?? null);
    await next(page, o);
  }

  await waitForHeading(page, w.dangerTitle);
  await check('danger');
  if (o.keyboard) {
    await tabTo(page, (f) => f.type === 'checkbox' && f.name === t.flagOngoing);
    await page.keyboard.press('Space');
  } else {
    await page.getByRole('checkbox', { name: t.flagOngoing }).check();
  }
  await next(page, o);

  await waitForHeading(page, w.storyTitle);
  await check('story');
  if (o.story) {
    if (o.keyboard) {
      await tabTo(page, isField(t.storyLabel));
      await page.keyboard.type(o.story);
    } else {
      await page.getByLabel(t.storyLabel).fill(o.story);
    }
  }
  if (o.links) {
    if (o.keyboard) {
      await tabTo(page, isField(t.linksLabel));
      await page.keyboard.type(o.links);
    } else {
      await page.getByLabel(t.linksLabel).fill(o.links);
    }
  }
  await next(page, o);

  await waitForHeading(page, t.evidenceTitle);
  await check('evidence');
  if (o.pin) await addEvidence(page, o, check);
  await next(page, o);

  await waitForHeading(page, w.contactTitle);
  await check('contact');
  await next(page, o);

  await waitForHeading(page, t.reviewTitle);
  await check('review');
}

async function addEvidence(page: Page, o: WalkOptions, check: (s: string) => Promise<void>): Promise<void> {
  const { t } = o;
  const pin = o.pin ?? '';
  if (o.keyboard) {
    await tabTo(page, isField(t.vaultPin));
    await page.keyboard.type(pin);
    await page.keyboard.press('Tab');
    await page.keyboard.type(pin);
    await page.keyboard.press('Enter');
  } else {
    await page.getByLabel(t.vaultPin, { exact: true }).fill(pin);
    await page.getByLabel(t.vaultPinAgain).fill(pin);
    await page.getByRole('button', { name: t.vaultCreate }).click();
  }
  await page.getByLabel(t.vaultAddPhoto).waitFor({ timeout: 60_000 });
  await check('evidence-vault');
  let count = 0;
  if (o.images?.length) {
    await page.getByLabel(t.vaultAddPhoto).setInputFiles(o.images);
    count += o.images.length;
    await page.getByRole('heading', { name: t.vaultCount(count) }).waitFor({ timeout: 60_000 });
  }
  if (o.pasted) {
    if (o.keyboard) {
      await tabTo(page, isField(t.vaultPasteLabel));
      await page.keyboard.type(o.pasted);
      await tabTo(page, isButton(t.vaultAddText));
      await page.keyboard.press('Enter');
    } else {
      await page.getByLabel(t.vaultPasteLabel).fill(o.pasted);
      await page.getByRole('button', { name: t.vaultAddText }).click();
    }
    count += 1;
    await page.getByRole('heading', { name: t.vaultCount(count) }).waitFor({ timeout: 60_000 });
  }
  await check('evidence-items');
}

/** Presses "Send" on the review screen and waits for the receipt; returns the code as shown. */
export async function sendFromReview(page: Page, o: WalkOptions): Promise<string> {
  if (o.keyboard) {
    await tabTo(page, isButton(o.t.send));
    await page.keyboard.press('Enter');
  } else {
    await page.getByRole('button', { name: o.t.send }).click();
  }
  await waitForHeading(page, o.t.receiptTitle);
  return (await page.getByTestId('receipt-code').innerText()).trim();
}

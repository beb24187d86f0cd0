import { readSession, writeSession } from './lib/storage.ts';
import { clearNav } from './nav.ts';

/**
 * Where "Leave fast" goes: an everyday site that says nothing about why the phone was here. A pack may
 * one day name its own; this default works in every country.
 */
export const NEUTRAL_SITE = 'https://www.google.com/search?q=weer';

const beforeLeaving = new Set<() => void>();

/**
 * Something to end the moment the child leaves fast, before the page goes: a live chat tells the
 * server the child left (its request outlives the page). Returns the way to take it back.
 */
export function onQuickExit(end: () => void): () => void {
  beforeLeaving.add(end);
  return () => beforeLeaving.delete(end);
}

/**
 * Leaves at once: forget which screen was open (so coming back shows the start screen), neutralise this
 * history entry, then replace it with the neutral site so the back button does not return here.
 */
export function quickExit(target: string = NEUTRAL_SITE): void {
  for (const end of beforeLeaving) {
    try {
      end();
    } catch {
      // Leaving matters more.
    }
  }
  clearNav();
  try {
    writeSession(LEFT_KEY, '1');
    history.replaceState(null, '', '/');
    // The browser may keep this page as it looks now and show it again on Back: leave it empty.
    document.getElementById('app')?.replaceChildren();
    document.title = '';
  } catch {
    // Leaving matters more than tidying.
  }
  location.replace(target);
}

/** Set on a quick exit for this tab; a Back into the app then leaves again before anything shows. */
const LEFT_KEY = 'vn.left';

/**
 * True when this page was reached by Back or Forward after a quick exit: the app must not show (not even
 * the start screen, which could say a report is in progress), so it leaves again at once. A deliberate
 * visit (typing the address, a link, the home-screen icon) clears the mark and opens normally.
 */
function cameBackAfterQuickExit(persisted: boolean): boolean {
  if (readSession(LEFT_KEY) !== '1') return false;
  const entry = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
  if (persisted || entry?.type === 'back_forward') return true;
  writeSession(LEFT_KEY, null);
  return false;
}

/**
 * Call before the first render: returns false (and leaves) when the page must not show. Also watches
 * for a page restored from the browser's back-forward cache, which runs no script from the start.
 */
export function guardAgainstBackAfterQuickExit(target: string = NEUTRAL_SITE): boolean {
  addEventListener('pageshow', (event) => {
    if (event.persisted && cameBackAfterQuickExit(true)) location.replace(target);
  });
  if (!cameBackAfterQuickExit(false)) return true;
  location.replace(target);
  return false;
}

/** Escape twice within this many milliseconds leaves. */
const DOUBLE_PRESS_MS = 1200;

export function listenForQuickExitKey(): () => void {
  let last = 0;
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    const now = performance.now();
    if (now - last < DOUBLE_PRESS_MS) quickExit();
    last = now;
  };
  addEventListener('keydown', onKey);
  return () => removeEventListener('keydown', onKey);
}

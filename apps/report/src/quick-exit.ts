import { clearNav } from './nav.ts';

/**
 * Where "Leave fast" goes: an everyday site that says nothing about why the phone was here. A pack may
 * one day name its own; this default works in every country.
 */
export const NEUTRAL_SITE = 'https://www.google.com/search?q=weer';

/**
 * Leaves at once: forget which screen was open (so coming back shows the start screen), neutralise this
 * history entry, then replace it with the neutral site so the back button does not return here.
 */
export function quickExit(target: string = NEUTRAL_SITE): void {
  clearNav();
  try {
    history.replaceState(null, '', '/');
  } catch {
    // Leaving matters more than tidying.
  }
  location.replace(target);
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

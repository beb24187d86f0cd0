import { SHELL_CRISIS_ELEMENT_ID, type ShellCrisis } from '@vangnet/core/pack/shell-crisis';
import type { CrisisLine } from './pack.ts';

/**
 * The one number that works in every member state, for a page served without a country pack (a
 * developer's `vite` server): never a country's own lines, which come from the pack alone.
 */
const EU_EMERGENCY: CrisisLine = {
  id: 'emergency',
  service: 'emergency',
  name: '112',
  phones: [{ number: '112', hours: 'always', free: true }],
  hours: 'always',
  when: { flags: ['danger'], categories: [] },
};

let read: ShellCrisis | null | undefined;

/**
 * The active pack's crisis lines as the server wrote them into this page (apps/server/src/http/app-shell.ts),
 * so "Help now" shows the country's own numbers on a first load whose pack request fails, and offline from
 * the service worker's copy of the page.
 */
export function shellCrisis(): ShellCrisis | null {
  if (read !== undefined) return read;
  read = null;
  const element = typeof document === 'undefined' ? null : document.getElementById(SHELL_CRISIS_ELEMENT_ID);
  if (element?.textContent) {
    try {
      const parsed = JSON.parse(element.textContent) as ShellCrisis;
      if (Array.isArray(parsed.lines) && parsed.lines.length > 0) read = parsed;
    } catch {
      // A damaged page: the EU emergency number still shows.
    }
  }
  return read;
}

/** Crisis lines before (or without) the pack: the page's, else 112 alone. */
export function shellCrisisLines(): CrisisLine[] {
  return shellCrisis()?.lines ?? [EU_EMERGENCY];
}

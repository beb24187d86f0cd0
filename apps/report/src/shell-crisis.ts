import { SHELL_CRISIS_ELEMENT_ID, type ShellCrisis } from '@vangnet/core/pack/shell-crisis';
import { readPageJson } from '@vangnet/ui/page-json';
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
  // A damaged page: null, and the EU emergency number still shows.
  if (read === undefined) {
    read = readPageJson<ShellCrisis>(
      SHELL_CRISIS_ELEMENT_ID,
      (c) => Array.isArray(c.lines) && c.lines.length > 0,
    );
  }
  return read;
}

/** Crisis lines before (or without) the pack: the page's, else 112 alone. */
export function shellCrisisLines(): CrisisLine[] {
  return shellCrisis()?.lines ?? [EU_EMERGENCY];
}

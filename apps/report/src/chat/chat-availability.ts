import { chatOpening } from '@vangnet/core/chat/chat-opening';
import type { PublicPack } from '../pack.ts';

export type ChatLoad = {
  waiting: number;
  counsellorsOnline: number;
  full: boolean;
  expectedWaitMinutes: number | null;
};

export type Availability =
  | { kind: 'closed'; nextOpening: Date | null }
  | { kind: 'open'; load: ChatLoad | null };

/** Minutes in line before the child is offered to leave a message instead, when the pack sets none. */
export const DEFAULT_OFFER_MESSAGE_AFTER_MINUTES = 10;

/**
 * Whether the chat is open now by the pack's hours (the device's clock, the pack's time zone) and, when
 * open, the live load from the server (null when it cannot be reached: the child can still try).
 */
export async function chatAvailability(pack: PublicPack | null, now: Date): Promise<Availability> {
  const opening = pack
    ? chatOpening(pack.meta.liveChat?.hours, pack.meta.timeZone, now)
    : { open: true, nextOpening: null };
  if (!opening.open) return { kind: 'closed', nextOpening: opening.nextOpening };
  try {
    const res = await fetch('/api/v1/chats/availability', {
      headers: { accept: 'application/json' },
      cache: 'no-store',
    });
    return { kind: 'open', load: res.ok ? ((await res.json()) as ChatLoad) : null };
  } catch {
    return { kind: 'open', load: null };
  }
}

/** "maandag 14:00" in the reader's language, on the pack's wall clock. */
export function formatOpening(at: Date, lang: string, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, {
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(at);
}

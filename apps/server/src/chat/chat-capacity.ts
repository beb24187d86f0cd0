import { expectedWaitMinutes } from '@vangnet/core/chat/chat-figures';
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { ActivePack } from '../active-pack.ts';
import type { Db } from '../db/open-database.ts';
import { chats } from '../db/schema/index.ts';
import type { ChatHub } from './chat-hub.ts';

/** Without a pack setting, one counsellor holds this many chats at once. */
export const DEFAULT_CAPACITY_PER_COUNSELLOR = 3;

export function capacityPerCounsellor(pack: ActivePack): number {
  return pack.countryPack?.meta.liveChat?.capacityPerCounsellor ?? DEFAULT_CAPACITY_PER_COUNSELLOR;
}

export type ChatLoad = {
  waiting: number;
  active: number;
  counsellorsOnline: number;
  capacity: number;
  /** Every counsellor online holds as many chats as the pack allows (or nobody is online). */
  full: boolean;
  /** For a child who joins now; null when there is too little history to say honestly. */
  expectedWaitMinutes: number | null;
};

/**
 * The live load of a helpline's chat: counsellors online (their console was in touch lately, or
 * they hold a chat), what they can hold, and who waits. Recent answered chats give the expected wait.
 */
export async function chatLoad(
  db: Db,
  hub: ChatHub,
  pack: ActivePack,
  helplineId: string,
): Promise<ChatLoad> {
  const open = await db
    .select({ status: chats.status, counsellorId: chats.counsellorId })
    .from(chats)
    .where(and(eq(chats.helplineId, helplineId), inArray(chats.status, ['waiting', 'active'])));
  const online = hub.onlineSince();
  for (const c of open) if (c.status === 'active' && c.counsellorId) online.add(c.counsellorId);
  const waiting = open.filter((c) => c.status === 'waiting').length;
  const active = open.length - waiting;
  const capacity = online.size * capacityPerCounsellor(pack);
  const recent = await db
    .select({ createdAt: chats.createdAt, takenAt: chats.takenAt })
    .from(chats)
    .where(and(eq(chats.helplineId, helplineId), isNotNull(chats.takenAt)))
    .orderBy(desc(chats.takenAt))
    .limit(20);
  const waits = recent.map((c) => (c.takenAt!.getTime() - c.createdAt.getTime()) / 1000);
  return {
    waiting,
    active,
    counsellorsOnline: online.size,
    capacity,
    full: active + waiting >= capacity,
    expectedWaitMinutes: expectedWaitMinutes(waits, waiting, online.size),
  };
}

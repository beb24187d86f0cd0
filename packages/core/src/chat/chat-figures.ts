/**
 * Figures for live chats from clear metadata only (times and status), for the supervisor route and
 * the public figures. Pure: the caller passes the chats and the time zone's hour of the week.
 */
export type ChatTimes = {
  createdAt: Date;
  /** When a counsellor took it; null if nobody did. */
  takenAt: Date | null;
  closedAt: Date | null;
  status: string;
};

export type ChatFigures = {
  /** Chats a counsellor took. */
  answered: number;
  /** Chats the child left (or that ended) before anyone took them. */
  abandoned: number;
  /** Seconds from start to a counsellor, over answered chats; null without any. */
  waitMedian: number | null;
  waitP90: number | null;
  /** Seconds from taken to closed, over answered and closed chats. */
  lengthMedian: number | null;
};

/** The q-quantile (0..1) by the nearest-rank method: always a value that occurred. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

const seconds = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 1000);

export function chatFigures(chats: readonly ChatTimes[]): ChatFigures {
  const answered = chats.filter((c) => c.takenAt !== null);
  const waits = answered.map((c) => seconds(c.createdAt, c.takenAt!));
  const lengths = answered.filter((c) => c.closedAt !== null).map((c) => seconds(c.takenAt!, c.closedAt!));
  return {
    answered: answered.length,
    abandoned: chats.filter((c) => c.takenAt === null && c.status === 'abandoned').length,
    waitMedian: quantile(waits, 0.5),
    waitP90: quantile(waits, 0.9),
    lengthMedian: quantile(lengths, 0.5),
  };
}

/** Fewer answered chats than this and the app says it cannot tell the wait (no made-up promise). */
export const MIN_CHATS_FOR_ESTIMATE = 5;

/**
 * An honest expected wait in whole minutes for a child with `ahead` chats before them: the median
 * recent wait, scaled by how many are ahead per counsellor. null when there is too little history or
 * nobody is online to answer.
 */
export function expectedWaitMinutes(
  recentWaits: readonly number[],
  ahead: number,
  counsellors: number,
): number | null {
  if (counsellors < 1 || recentWaits.length < MIN_CHATS_FOR_ESTIMATE) return null;
  const median = quantile(recentWaits, 0.5)!;
  return Math.max(1, Math.ceil((median * (1 + ahead / counsellors)) / 60));
}

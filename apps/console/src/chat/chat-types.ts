/** A live chat as the staff API lists it: clear metadata only. */
export type ChatSummary = {
  id: string;
  status: 'waiting' | 'active' | string;
  lang: string;
  ageBand: string | null;
  urgent: boolean;
  createdAt: string;
  takenAt: string | null;
  counsellorId: string | null;
  counsellorName: string | null;
  childRecipient: string;
  lastSeq: number;
  /** The report the chat became, once the child made one. */
  reportId: string | null;
};

/** A chat message as it arrives on the stream: sealed. */
export type WireMessage = {
  seq: number;
  clientId: string;
  author: 'child' | 'counsellor';
  sealed: string;
  at: string;
};

/** Outcome codes a counsellor closes a chat with: clear bookkeeping for the figures, never free text. */
export const CHAT_OUTCOMES = [
  'listened',
  'advised',
  'referred',
  'report-made',
  'crisis',
  'abusive',
  'other',
] as const;

/** Whole minutes a child has waited (or a chat has run), for the queue; never negative. */
export function minutesSince(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
}

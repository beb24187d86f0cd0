/**
 * In-process fan-out of chat events to the open streams of one server process. Messages are written to
 * the database before anyone hears of them, so a stream that missed an event (a dropped connection, a
 * restart) catches up from the database with `after=<last seq>`; this hub only makes delivery quick.
 * Several replicas would relay through LISTEN/NOTIFY instead (DESIGN.md, scale); one process needs none.
 */
export type ChatEvent =
  | { kind: 'message'; message: ChatMessageView }
  | { kind: 'state'; state: ChatStateView };

export type ChatMessageView = {
  seq: number;
  clientId: string;
  author: 'child' | 'counsellor';
  sealed: string;
  at: string;
};

export type ChatStateView = {
  status: string;
  /** Whether someone (a counsellor) is with the child now. */
  answered: boolean;
  urgent: boolean;
  /** The child ended the chat (left, or quick exit): the counsellor says so instead of "ended". */
  childLeft: boolean;
  /** The report the chat became, once the child made one. */
  reportId: string | null;
};

type Listener = (event: ChatEvent) => void;

export class ChatHub {
  readonly #listeners = new Map<string, Set<Listener>>();

  subscribe(chatId: string, listener: Listener): () => void {
    let set = this.#listeners.get(chatId);
    if (!set) {
      set = new Set();
      this.#listeners.set(chatId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(chatId);
    };
  }

  publish(chatId: string, event: ChatEvent): void {
    for (const listener of this.#listeners.get(chatId) ?? []) listener(event);
  }

  readonly #seen = new Map<string, number>();

  /** A counsellor's console asked for the queue or opened a chat: they are online (live capacity). */
  seen(workerId: string, now = Date.now()): void {
    this.#seen.set(workerId, now);
  }

  /** Counsellors whose console was in touch within the last 30 seconds. */
  onlineSince(now = Date.now(), windowMs = 30_000): Set<string> {
    const online = new Set<string>();
    for (const [id, at] of this.#seen) {
      if (now - at <= windowMs) online.add(id);
      else this.#seen.delete(id);
    }
    return online;
  }

  /** Open streams, for the benchmark's memory figure. */
  get openStreams(): number {
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }
}

import { sql } from 'drizzle-orm';
import type { Db, OpenedDatabase } from '../db/open-database.ts';
import type { Unlisten } from '../db/pg-listen.ts';

/**
 * What an open console hears: a case of its helpline changed (new, assigned, status…) or a message
 * was added to one. Ids and a kind only, never content: the console reads what changed through the
 * routes that check and audit its access. `resync`: events may have been missed (the database
 * connection was lost), so read the changes since the last cursor.
 */
export type LiveEvent = { kind: 'case' | 'message'; caseId: string } | { kind: 'resync' };
type Listener = (event: LiveEvent) => void;

const idPattern = /^[A-Za-z0-9_-]{1,100}$/;

/** Reads one notification as the triggers write it (migration 0020): `{"k","h","c"}`. */
export function parseNotification(
  payload: string,
): { kind: 'case' | 'message'; helplineId: string; caseId: string } | null {
  try {
    const value = JSON.parse(payload) as { k?: unknown; h?: unknown; c?: unknown };
    if (value.k !== 'case' && value.k !== 'message') return null;
    if (typeof value.h !== 'string' || typeof value.c !== 'string') return null;
    if (!idPattern.test(value.h) || !idPattern.test(value.c)) return null;
    return { kind: value.k, helplineId: value.h, caseId: value.c };
  } catch {
    return null;
  }
}

/**
 * Fans PostgreSQL notifications out to this process's open console streams, per helpline. Every
 * replica listens, so a case created through one reaches consoles connected to any other; with the
 * embedded database the same notifications arrive in-process.
 */
export class LiveFeed {
  readonly #listeners = new Map<string, Set<Listener>>();
  #unlisten: Unlisten | undefined;

  subscribe(helplineId: string, listener: Listener): () => void {
    let set = this.#listeners.get(helplineId);
    if (!set) {
      set = new Set();
      this.#listeners.set(helplineId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(helplineId);
    };
  }

  /** One notification's payload; anything not shaped as the triggers write it is dropped. */
  deliver(payload: string): void {
    const n = parseNotification(payload);
    if (!n) return;
    for (const listener of this.#listeners.get(n.helplineId) ?? [])
      listener({ kind: n.kind, caseId: n.caseId });
  }

  /** Tells every stream it may have missed events. */
  resync(): void {
    for (const set of this.#listeners.values()) for (const listener of set) listener({ kind: 'resync' });
  }

  /** Open streams on this process (bench, tests). */
  get openStreams(): number {
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  async close(): Promise<void> {
    const unlisten = this.#unlisten;
    this.#unlisten = undefined;
    await unlisten?.();
  }

  /**
   * Listens on the channel of the schema the tables live in (`vangnet_live_<schema>`, as the triggers
   * name it), so instances that share one database in different schemas do not hear each other.
   */
  static async start(database: Pick<OpenedDatabase, 'db' | 'listen'>, onTrouble?: (line: string) => void) {
    const feed = new LiveFeed();
    const channel = await liveChannel(database.db);
    feed.#unlisten = await database.listen(channel, {
      onPayload: (payload) => feed.deliver(payload),
      onReconnect: () => feed.resync(),
      ...(onTrouble ? { onTrouble } : {}),
    });
    return feed;
  }
}

/** The channel the triggers notify on: `vangnet_live_` and the schema that holds `reports`. */
export async function liveChannel(db: Db): Promise<string> {
  const result = (await db.execute(
    sql`select n.nspname as schema from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.oid = 'reports'::regclass`,
  )) as unknown as { rows: { schema: string }[] };
  const schema = result.rows[0]?.schema ?? 'public';
  const channel = `vangnet_live_${schema}`;
  // PostgreSQL truncates identifiers at 63 bytes; LISTEN on PGlite takes only plain identifiers.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) {
    throw new Error(`live updates: the schema name ${JSON.stringify(schema)} makes no usable channel name`);
  }
  return channel;
}

import pg from 'pg';

/** What a `listen` call is told: each notification's payload, and that it may have missed some. */
export type ListenHandlers = {
  onPayload(payload: string): void;
  /** The connection was lost and is back: notifications in between are gone, so resynchronise. */
  onReconnect(): void;
  /** A line for the log when the connection drops or cannot be made (no secrets in it). */
  onTrouble?(line: string): void;
};

/** Stops listening. */
export type Unlisten = () => Promise<void>;

const MAX_BACKOFF_MS = 10_000;
/** A connection cut without a reset (a dead link) shows up when this check gets no answer. */
const CHECK_EVERY_MS = 15_000;
const CHECK_TIMEOUT_MS = 5_000;

/**
 * LISTEN on a dedicated PostgreSQL connection (a pool would hand the connection to someone else).
 * Dropped, it reconnects with backoff (0.5 s, 1 s, 2 s … at most 10 s apart) and says so, because
 * notifications sent while it was away are not delivered later; a quiet connection is checked now and
 * then so a dead one does not go unnoticed.
 */
export async function listenPostgres(
  databaseUrl: string,
  searchPath: string | undefined,
  channel: string,
  handlers: ListenHandlers,
): Promise<Unlisten> {
  let client: pg.Client | undefined;
  let stopped = false;
  let attempt = 0;
  let retry: NodeJS.Timeout | undefined;
  let check: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({
      connectionString: databaseUrl,
      keepAlive: true,
      // Named, so an operator (or a test) can tell it apart in pg_stat_activity.
      application_name: channel,
      connectionTimeoutMillis: 10_000,
      query_timeout: CHECK_TIMEOUT_MS,
      ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
    });
    c.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) handlers.onPayload(message.payload);
    });
    const lost = (reason: string) => {
      if (client !== c) return;
      client = undefined;
      clearInterval(check);
      c.removeAllListeners('notification');
      void c.end().catch(() => {});
      if (stopped) return;
      handlers.onTrouble?.(`live updates: the database connection was lost (${reason}); reconnecting`);
      schedule();
    };
    c.on('error', (error: Error & { code?: string }) => lost(error.code ?? 'error'));
    c.on('end', () => lost('closed'));
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = c;
    check = setInterval(() => {
      c.query('SELECT 1').catch(() => lost('no answer'));
    }, CHECK_EVERY_MS);
    check.unref();
  };

  const schedule = () => {
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt++);
    retry = setTimeout(() => {
      connect().then(
        () => {
          attempt = 0;
          handlers.onReconnect();
        },
        (error: Error & { code?: string }) => {
          handlers.onTrouble?.(`live updates: cannot reach the database (${error.code ?? 'error'})`);
          if (!stopped) schedule();
        },
      );
    }, delay);
    retry.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    clearInterval(check);
    const c = client;
    client = undefined;
    if (c) await c.end().catch(() => {});
  };
}

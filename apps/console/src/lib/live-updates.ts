/**
 * Live updates from the server (`/api/v1/staff/events`, server-sent events): which cases changed or
 * got a message, ids only. Screens subscribe; one stream serves them all. When the stream breaks or the
 * server has none, subscribers hear `live: false` and poll slowly on their own; the stream is tried
 * again after 1 s, 2 s, 4 s … at most a minute (with jitter, so consoles do not return all at once).
 */
export type LiveChange =
  /** The stream is (again) listening: read what changed since the last look, once. */
  | { kind: 'ready' }
  /** Events may have been missed on the server's side: read what changed since the last look. */
  | { kind: 'resync' }
  | { kind: 'case' | 'message'; id: string };

export type LiveSubscriber = {
  onChange(change: LiveChange): void;
  /** Whether the stream is open now; false: poll. */
  onLive?(live: boolean): void;
};

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

const subscribers = new Set<LiveSubscriber>();
let source: EventSource | null = null;
let live = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let attempt = 0;

function setLive(value: boolean): void {
  if (live === value) return;
  live = value;
  for (const s of subscribers) s.onLive?.(value);
}

function emit(change: LiveChange): void {
  for (const s of subscribers) s.onChange(change);
}

function idOf(event: MessageEvent): string | null {
  try {
    const id = (JSON.parse(String(event.data)) as { id?: unknown }).id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

function open(): void {
  if (source || subscribers.size === 0 || typeof EventSource === 'undefined') return;
  const es = new EventSource('/api/v1/staff/events');
  source = es;
  es.addEventListener('ready', () => {
    attempt = 0;
    setLive(true);
    emit({ kind: 'ready' });
  });
  es.addEventListener('resync', () => emit({ kind: 'resync' }));
  for (const kind of ['case', 'message'] as const) {
    es.addEventListener(kind, (event) => {
      const id = idOf(event);
      if (id) emit({ kind, id });
    });
  }
  es.addEventListener('signed-out', () => close());
  // A drop, a refusal (503: no live updates; 401: signed out) or a proxy that cut it: we retry ourselves,
  // with backoff, instead of the browser's fixed quick retry.
  es.onerror = () => {
    close();
    if (subscribers.size === 0) return;
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt++);
    retryTimer = setTimeout(open, delay / 2 + Math.random() * (delay / 2));
  };
}

function close(): void {
  clearTimeout(retryTimer);
  source?.close();
  source = null;
  setLive(false);
}

/** Starts listening (or joins the open stream); returns the unsubscribe function. */
export function subscribeLive(subscriber: LiveSubscriber): () => void {
  subscribers.add(subscriber);
  if (live) {
    subscriber.onLive?.(true);
  }
  open();
  return () => {
    subscribers.delete(subscriber);
    if (subscribers.size === 0) {
      close();
      attempt = 0;
    }
  };
}

/**
 * A small server-sent-events reader over fetch (headers such as Authorization and Last-Event-ID can be
 * set, which EventSource cannot), for tests and the chat benchmark. `events` collects what arrived.
 */
export type SseEvent = { id?: string; event: string; data: string };

export type SseStream = {
  events: SseEvent[];
  /** Resolves when the server ends the stream or the connection drops. */
  ended: Promise<void>;
  close(): void;
};

export async function openSse(
  url: string,
  headers: Record<string, string> = {},
  onEvent?: (event: SseEvent) => void,
): Promise<SseStream> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  if (!res.ok || !res.body) throw new Error(`SSE ${url}: ${res.status} ${await res.text()}`);
  const events: SseEvent[] = [];
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event: SseEvent = { event: 'message', data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('event: ')) event.event = line.slice(7);
            else if (line.startsWith('data: ')) {
              event.data += line.slice(6);
              hasData = true;
            }
          }
          if (hasData) {
            events.push(event);
            onEvent?.(event);
          }
          cut = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted or dropped: the caller reconnects.
    }
  })();
  return { events, ended, close: () => controller.abort() };
}

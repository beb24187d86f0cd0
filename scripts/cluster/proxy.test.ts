import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type Backend, type LoadBalancer, startProxy } from './proxy.ts';

/** A backend that answers its own name and echoes what it was told about the client. */
async function backend(name: string): Promise<{ server: Server; at: Backend; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/healthz') {
      res.end('ok');
      return;
    }
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${body}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name, forwardedFor: req.headers['x-forwarded-for'] ?? null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    server,
    seen,
    at: { host: '127.0.0.1', port: typeof address === 'object' && address ? address.port : 0 },
  };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('the cluster proxy', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('spreads requests over the replicas and tells them the client address', async () => {
    const a = await backend('a');
    const b = await backend('b');
    cleanup.push(
      () => close(a.server),
      () => close(b.server),
    );
    const proxy: LoadBalancer = await startProxy([a.at, b.at]);
    cleanup.push(() => proxy.close());
    const names = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${proxy.url}/x`, { headers: { 'x-forwarded-for': '10.0.0.7' } });
      const answer = (await res.json()) as { name: string; forwardedFor: string };
      names.add(answer.name);
      // The phone's address first, then the hop the proxy saw.
      expect(answer.forwardedFor).toBe('10.0.0.7, 127.0.0.1');
    }
    expect([...names].sort()).toEqual(['a', 'b']);
  });

  it('sends a request a dead replica refused to a live one, body and all', async () => {
    const live = await backend('live');
    const dead = await backend('dead');
    cleanup.push(() => close(live.server));
    const proxy = await startProxy([dead.at, live.at], { healthIntervalMs: 60_000 });
    cleanup.push(() => proxy.close());
    // Killed after the last health check: the proxy still thinks it is up until a connection is refused.
    await close(dead.server);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${proxy.url}/reports`, { method: 'POST', body: `report ${i}` });
      expect(((await res.json()) as { name: string }).name).toBe('live');
    }
    expect(live.seen).toEqual(['POST /reports report 0', 'POST /reports report 1', 'POST /reports report 2']);
    expect(proxy.healthy()).toEqual([live.at]);
  });

  it('answers 502 problem+json when no replica is there', async () => {
    const gone = await backend('gone');
    await close(gone.server);
    const proxy = await startProxy([gone.at]);
    cleanup.push(() => proxy.close());
    const res = await fetch(`${proxy.url}/x`);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

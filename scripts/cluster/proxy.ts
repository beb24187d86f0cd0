// A small reverse proxy for the test topology on loopback (`npm run cluster`, the load-and-fault
// bench): round robin over the replicas that answer /healthz, like a cloud load balancer with health
// checks. It is not a production proxy (use the platform's); it exists so several server processes can
// be tried behind one address on a machine without Docker.
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';

export type Backend = { host: string; port: number };

export type LoadBalancer = {
  url: string;
  /** Backends that answered their last health check. */
  healthy(): Backend[];
  close(): Promise<void>;
};

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

function forwardHeaders(req: IncomingMessage): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  // What a load balancer adds: the servers see the client's address only through this header, and trust
  // it only from a configured proxy (TRUST_PROXY).
  const previous = req.headers['x-forwarded-for'];
  const client = req.socket.remoteAddress ?? '';
  headers['x-forwarded-for'] = previous ? `${previous}, ${client}` : client;
  headers['x-forwarded-proto'] = 'http';
  return headers;
}

/**
 * Starts the proxy. A request whose backend refuses the connection (a replica that is down and not yet
 * marked so) goes to the next one: nothing reached the dead replica, so this is safe for any method.
 * A failure after the request was sent is answered 502 and left to the client to retry, as the apps do
 * (reports carry an idempotency key, uploads resume from the offset the server reports).
 */
export async function startProxy(
  backends: Backend[],
  options: { port?: number; healthIntervalMs?: number } = {},
): Promise<LoadBalancer> {
  const up = new Set<Backend>(backends);
  let next = 0;
  const check = async () => {
    await Promise.all(
      backends.map(async (b) => {
        const ok = await fetch(`http://${b.host}:${b.port}/healthz`, { signal: AbortSignal.timeout(1000) })
          .then((r) => r.status === 200)
          .catch(() => false);
        if (ok) up.add(b);
        else up.delete(b);
      }),
    );
  };
  const timer = setInterval(() => void check(), options.healthIntervalMs ?? 500);
  timer.unref();

  const pick = (tried: Set<Backend>): Backend | undefined => {
    const candidates = backends.filter((b) => up.has(b) && !tried.has(b));
    const fallback = backends.filter((b) => !tried.has(b));
    const pool = candidates.length > 0 ? candidates : fallback;
    if (pool.length === 0) return undefined;
    next = (next + 1) % pool.length;
    return pool[next];
  };

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, tried: Set<Backend>) => {
    const backend = pick(tried);
    if (!backend) {
      res.writeHead(502, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'No server answered', status: 502 }));
      return;
    }
    tried.add(backend);
    const upstream = httpRequest(
      {
        host: backend.host,
        port: backend.port,
        method: req.method,
        path: req.url,
        headers: forwardHeaders(req),
      },
      (answer) => {
        const headers = Object.fromEntries(
          Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)),
        ) as Record<string, string | string[]>;
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') {
        up.delete(backend);
        forward(req, res, body, tried);
        return;
      }
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ type: 'about:blank', title: 'The server went away', status: 502 }));
      } else res.destroy();
    });
    upstream.end(body);
  };

  const server: Server = createServer((req, res) => {
    // Bodies here are small reports and upload chunks: buffering one lets a refused connection be
    // retried on another replica with the same bytes.
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), new Set()));
    req.on('error', () => res.destroy());
  });
  await check();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    healthy: () => backends.filter((b) => up.has(b)),
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

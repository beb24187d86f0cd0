import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { DefaultHttpStack, type HttpRequest, type HttpResponse, type HttpStack } from 'tus-js-client';
import { repoRoot } from '../../src/config.ts';
import type { DatabaseKind } from '../../src/db/open-database.ts';

/**
 * Tools for fault tests: a TCP proxy the test can cut, a tus HTTP stack that holds back the end of the
 * last PATCH until the test has done its damage, and a real server process the test can SIGKILL.
 */

export type TcpProxy = {
  port: number;
  /** Destroys every open connection and refuses new ones: the database is gone for the server. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
};

/** A loopback TCP proxy to `target` that the test can cut and restore (the server talks to PostgreSQL through it). */
export async function startTcpProxy(
  target: { host: string; port: number },
  listenPort = 0,
): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let cut = false;
  const server: Server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = tcpConnect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    cut() {
      cut = true;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore() {
      cut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * tus-js-client's own Node HTTP stack, except that the PATCH carrying the last byte of the upload
 * sends its first half, waits for `whileStreaming` (the test cuts the database there, while the server
 * is inside that PATCH), and only then sends the rest. `afterLastPatch` sees that PATCH's answer.
 */
export function holdLastPatch(options: {
  total: number;
  whileStreaming: (sentBefore: number) => Promise<void>;
  afterLastPatch?: (status: number) => Promise<void>;
}): HttpStack {
  const inner = new DefaultHttpStack({});
  let fired = false;
  return {
    getName: () => 'hold-last-patch',
    createRequest(method: string, url: string): HttpRequest {
      const request = inner.createRequest(method, url);
      if (method !== 'PATCH') return request;
      const send = request.send.bind(request);
      request.send = async (body: unknown): Promise<HttpResponse> => {
        const offset = Number(request.getHeader('Upload-Offset'));
        if (fired || !(body instanceof Uint8Array) || offset + body.byteLength !== options.total) {
          return send(body);
        }
        fired = true;
        const half = Math.floor(body.byteLength / 2);
        const stream = new Readable({ read() {} });
        stream.push(Buffer.from(body.subarray(0, half)));
        void options.whileStreaming(offset + half).then(() => {
          stream.push(Buffer.from(body.subarray(half)));
          stream.push(null);
        });
        request.setHeader('Content-Length', String(body.byteLength));
        const response = await send(stream);
        await options.afterLastPatch?.(response.getStatus());
        return response;
      };
      return request;
    },
  };
}

export type ServerProcess = {
  child: ChildProcess;
  url: string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  output(): string;
};

/** Starts `npm start`'s entry point (apps/server/bin/vangnet-server.mjs) and waits until it listens. */
export function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [join(repoRoot, 'apps/server/bin/vangnet-server.mjs')], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    child.stdout?.on('data', (d) => {
      stdout += d;
      const ready = /VANGNET_READY (.*)/.exec(stdout);
      if (ready) {
        const { url } = JSON.parse(ready[1]!) as { url: string };
        resolve({ child, url, exited, output: () => stdout + stderr });
      }
    });
    void exited.then((code) =>
      reject(new Error(`server exited with ${code} before it was ready:\n${stderr}`)),
    );
  });
}

/** A loopback port that is free now (the server is told to listen there, and again after a restart). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Where a spawned server keeps its data: an embedded database in its folder, or a fresh PostgreSQL database. */
export async function serverStorage(
  kind: DatabaseKind,
): Promise<{ env: Record<string, string>; dataDir: string; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-kill-'));
  if (kind === 'pglite') {
    return {
      env: { DATA_DIR: dataDir },
      dataDir,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const name = `vangnet_kill_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url.href },
    dataDir,
    drop: async () => {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

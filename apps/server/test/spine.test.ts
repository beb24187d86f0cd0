import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { LocalDiskBlobStore } from '../src/blobs/local-disk-blob-store.ts';
import { ConfigError, loadConfig, repoRoot } from '../src/config.ts';
import { DataDirInUseError } from '../src/db/data-dir-lock.ts';
import { openDatabase } from '../src/db/open-database.ts';
import { databaseKinds } from './support/databases.ts';
import { freePort, serverStorage, spawnServer, startTcpProxy } from './support/faults.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const mainFile = join(repoRoot, 'apps/server/bin/vangnet-server.mjs');

/** Runs `npm start`'s entry point as a real second process; resolves with its exit code and stderr. */
function runMain(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [mainFile], {
      cwd: repoRoot,
      // Embedded database only: the lock is about PGlite's folder.
      env: { ...process.env, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'silent', ...env },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.on('data', (d) => {
      stdout += d;
      // Started: stop it so the test ends.
      if (stdout.includes('VANGNET_READY')) child.kill('SIGTERM');
    });
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

describe('configuration', () => {
  it('reads defaults and environment values', () => {
    const config = loadConfig({ PORT: '9000', COUNTRY_PACK: 'BE-VL', TRUST_PROXY: '1' });
    expect(config.port).toBe(9000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.countryPackDir).toBe(join(repoRoot, 'country-packs/BE-VL'));
    expect(config.trustProxy).toBe(1);
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({}).databaseStartTimeoutSeconds).toBe(60);
    expect(loadConfig({ DATABASE_START_TIMEOUT: '5' }).databaseStartTimeoutSeconds).toBe(5);
  });

  it('names the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ DATABASE_START_TIMEOUT: 'soon' })).toThrow(/DATABASE_START_TIMEOUT/);
  });
});

describe('embedded data folder lock', () => {
  // Both spawn the real entry point: generous timeouts for a busy machine.
  it('a second process on the same data folder gets a clear error and stops', {
    timeout: 180_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-lock-'));
    const held = await openDatabase({ dataDir });
    try {
      const second = await runMain({ DATA_DIR: dataDir });
      expect(second.code).toBe(2);
      expect(second.stderr).toContain(`is in use by process ${process.pid}`);
    } finally {
      await held.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a lock left by a dead process is taken over', { timeout: 180_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-lock-'));
    try {
      const first = await runMain({ DATA_DIR: dataDir });
      expect(first.stdout).toContain('VANGNET_READY');
      // Simulate a crash: the lock file of a process that no longer exists.
      const dead = spawn(process.execPath, ['-e', '0']);
      await new Promise((r) => dead.on('exit', r));
      writeFileSync(join(dataDir, 'vangnet.lock'), `${dead.pid}\n`);
      const opened = await openDatabase({ dataDir });
      expect(JSON.parse(readFileSync(join(dataDir, 'vangnet.lock'), 'utf8')).pid).toBe(process.pid);
      await expect(openDatabase({ dataDir })).rejects.toThrow(DataDirInUseError);
      await opened.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('embedded data folder lock: a stale lock never blocks a restart', () => {
  const currentBootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  const startTimeOf = (pid: number) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
  };

  it('a lock naming a live but unrelated process (PID 1, a PID reused after a reboot or by another process) is taken over', {
    timeout: 300_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-lock-'));
    const lock = join(dataDir, 'vangnet.lock');
    try {
      const stale = [
        // Written by hand, or by an older version: a bare PID that is alive (init).
        '1\n',
        // The test runner's own live PID, but recorded in another boot (the machine restarted).
        `${JSON.stringify({ pid: process.pid, startTime: startTimeOf(process.pid), bootId: 'another-boot', nonce: 'a' })}\n`,
        // A live PID in this boot that belongs to a process started at another time (PID reused).
        `${JSON.stringify({ pid: 1, startTime: '1', bootId: currentBootId(), nonce: 'b' })}\n`,
      ];
      for (const content of stale) {
        writeFileSync(lock, content);
        const started = await runMain({ DATA_DIR: dataDir });
        // It started (and was then stopped by runMain): no "in use" refusal.
        expect({
          content,
          stderr: started.stderr,
          ready: started.stdout.includes('VANGNET_READY'),
        }).toEqual({ content, stderr: '', ready: true });
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a real second server on the same folder is still refused, also when the lock file cannot name it', {
    timeout: 300_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-lock-'));
    const first = await spawnServer({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
    try {
      const second = await runMain({ DATA_DIR: dataDir });
      expect(second.code).toBe(2);
      expect(second.stderr).toContain(`is in use by process ${first.child.pid}`);
      // As seen from another PID namespace (a container sharing the volume): the PID in the file means
      // nothing there, but the owner still answers on the lock's socket.
      writeFileSync(join(dataDir, 'vangnet.lock'), '999999\n');
      const third = await runMain({ DATA_DIR: dataDir });
      expect(third.code).toBe(2);
      expect(third.stderr).toContain('is in use by process 999999');
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('database unreachable at start', () => {
  it('retries with one clear line per attempt (host and port, no password), then stops with a clear message', {
    timeout: 120_000,
  }, async () => {
    const port = await freePort(); // Nothing listens there.
    const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-nodb-'));
    try {
      const result = await runMain({
        DATA_DIR: dataDir,
        DATABASE_URL: `postgres://vangnet:hunter2-secret@127.0.0.1:${port}/vangnet`,
        DATABASE_START_TIMEOUT: '3',
      });
      expect(result.code).toBe(2);
      const lines = result.stderr.trim().split('\n');
      const waits = lines.filter((l) =>
        l.startsWith(`Database at 127.0.0.1:${port} not reachable (ECONNREFUSED)`),
      );
      expect(waits.length).toBeGreaterThanOrEqual(2);
      expect(lines.at(-1)).toMatch(
        new RegExp(
          `^Could not reach the database at 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\) after \\d+ attempts`,
        ),
      );
      // Nothing else: no stack trace, no URL, no password.
      expect(lines).toHaveLength(waits.length + 1);
      expect(result.stderr).not.toContain('hunter2');
      expect(result.stderr).not.toContain('postgres://');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

// Only with a real PostgreSQL: the database comes up while the server waits for it.
describe.each(databaseKinds().filter((k) => k === 'postgres'))('database late at start on %s', () => {
  it('a server started before its database waits and then starts', { timeout: 180_000 }, async () => {
    const storage = await serverStorage('postgres');
    const target = new URL(storage.env.DATABASE_URL!);
    const port = await freePort();
    const late = new URL(target);
    late.port = String(port);
    let proxy: { close(): Promise<void> } | undefined;
    const child = spawn(process.execPath, [mainFile], {
      cwd: repoRoot,
      env: {
        ...process.env,
        ...storage.env,
        DATABASE_URL: late.href,
        DATABASE_START_TIMEOUT: '120',
        PORT: '0',
        LOG_LEVEL: 'silent',
      },
    });
    try {
      let stderr = '';
      let stdout = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      const exited = new Promise((r) => child.on('exit', r));
      await new Promise<void>((resolve) =>
        child.stderr.on('data', (d) => {
          stderr += d;
          if (stderr.includes('not reachable')) resolve();
        }),
      );
      // The database "starts": something now listens on the port the server keeps trying.
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) }, port);
      await expect.poll(() => stdout.includes('VANGNET_READY'), { timeout: 120_000 }).toBe(true);
      child.kill('SIGTERM');
      await exited;
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await proxy?.close();
      await storage.drop();
    }
  });
});

describe('local disk blob store', () => {
  it('stores, reads, replaces and deletes; refuses keys that escape its folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vangnet-blobs-'));
    try {
      const blobs = new LocalDiskBlobStore(root);
      await blobs.put('reports/r1/item-1', new Uint8Array([1, 2, 3]));
      expect(await blobs.has('reports/r1/item-1')).toBe(true);
      expect([...(await blobs.getBytes('reports/r1/item-1'))]).toEqual([1, 2, 3]);
      await blobs.put('reports/r1/item-1', new Uint8Array([4]));
      expect([...(await blobs.getBytes('reports/r1/item-1'))]).toEqual([4]);
      await blobs.delete('reports/r1/item-1');
      expect(await blobs.has('reports/r1/item-1')).toBe(false);
      for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'a\\b', '', 'a//b', '.hidden/..']) {
        await expect(blobs.put(bad, new Uint8Array([1]))).rejects.toThrow('Invalid blob key');
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe.each(databaseKinds())('HTTP spine on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers health and readiness', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });

  it('sends strict security headers', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the instance config with the server public key', async () => {
    const res = await t.app.inject({ url: '/api/v1/config' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ country: 'NL', serverPublicKey: t.deps.signingKey.publicKey });
  });

  it('publishes the OpenAPI document and a page listing operations', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/config');
    const page = await t.app.inject({ url: '/api/docs' });
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('/api/v1/config');
    expect(page.body).not.toContain('<script');
  });

  it('an unexpected error is a 500 problem that says nothing about the inside', async () => {
    const app = await buildApp(t.deps);
    app.get('/boom', async () => {
      throw new Error('connection to db-secret-host:5432 failed for user vangnet');
    });
    const res = await app.inject({ url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toEqual({
      type: 'urn:vangnet:problem:internal',
      title: 'Something went wrong on our side',
      status: 500,
      code: 'internal',
    });
    await app.close();
  });

  it('answers unknown paths and malformed bodies with problem+json', async () => {
    const missing = await t.app.inject({ url: '/api/v1/nothing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ status: 404, code: 'not-found' });

    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/config',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(malformed.statusCode).toBeGreaterThanOrEqual(400);
    expect(malformed.statusCode).toBeLessThan(500);
  });
});

describe('serving the built apps', () => {
  it('serves each app under its prefix, with index.html for deep links and never for API paths', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vangnet-apps-'));
    const report = join(root, 'report');
    const consoleDir = join(root, 'console');
    for (const [dir, name] of [
      [report, 'reporter'],
      [consoleDir, 'console'],
    ] as const) {
      mkdirSync(join(dir, 'assets'), { recursive: true });
      writeFileSync(join(dir, 'index.html'), `<!doctype html><title>${name}</title>`);
      writeFileSync(join(dir, 'assets', 'app.js'), `console.log('${name}')`);
    }
    const t = await startTestApp('pglite', { staticApps: { '/console/': consoleDir, '/': report } });
    try {
      const html = { accept: 'text/html' };
      expect((await t.app.inject({ url: '/', headers: html })).body).toContain('reporter');
      expect((await t.app.inject({ url: '/flow/step-2', headers: html })).body).toContain('reporter');
      expect((await t.app.inject({ url: '/console/', headers: html })).body).toContain('console');
      expect((await t.app.inject({ url: '/console/cases/42', headers: html })).body).toContain('console');
      const script = await t.app.inject({ url: '/console/assets/app.js' });
      expect(script.body).toContain("'console'");
      expect(script.headers['content-security-policy']).toContain("default-src 'self'");
      const api = await t.app.inject({ url: '/api/v1/unknown', headers: html });
      expect(api.statusCode).toBe(404);
      expect(api.headers['content-type']).toContain('application/problem+json');
      expect((await t.app.inject({ url: '/assets/missing.js', headers: html })).statusCode).toBe(404);
    } finally {
      await t.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("sends the build's compressed copies with Vary, and keeps hashed files for a year", async () => {
    const root = mkdtempSync(join(tmpdir(), 'vangnet-apps-'));
    mkdirSync(join(root, 'assets'));
    const html = `<!doctype html><title>reporter</title>${'<p>help</p>'.repeat(100)}`;
    const script = `console.log(${JSON.stringify('x'.repeat(2000))});`;
    writeFileSync(join(root, 'index.html'), html);
    writeFileSync(join(root, 'index.html.br'), brotliCompressSync(html));
    writeFileSync(join(root, 'index.html.gz'), gzipSync(html));
    writeFileSync(join(root, 'assets', 'entry-BxU3k1aZ.js'), script);
    writeFileSync(join(root, 'assets', 'entry-BxU3k1aZ.js.br'), brotliCompressSync(script));
    writeFileSync(join(root, 'assets', 'entry-BxU3k1aZ.js.gz'), gzipSync(script));
    const t = await startTestApp('pglite', { staticApps: { '/': root } });
    try {
      const viaBrotli = await t.app.inject({
        url: '/assets/entry-BxU3k1aZ.js',
        headers: { 'accept-encoding': 'gzip, deflate, br' },
      });
      expect(viaBrotli.headers['content-encoding']).toBe('br');
      expect(viaBrotli.headers.vary).toMatch(/accept-encoding/i);
      expect(viaBrotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(brotliDecompressSync(viaBrotli.rawPayload).toString()).toBe(script);
      const viaGzip = await t.app.inject({
        url: '/assets/entry-BxU3k1aZ.js',
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(viaGzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(viaGzip.rawPayload).toString()).toBe(script);
      const plain = await t.app.inject({
        url: '/assets/entry-BxU3k1aZ.js',
        headers: { 'accept-encoding': 'identity' },
      });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(script);
      // The start page, also when reached as a deep link, is compressed and always revalidated.
      for (const url of ['/', '/flow/step-2']) {
        const page = await t.app.inject({ url, headers: { accept: 'text/html', 'accept-encoding': 'br' } });
        expect(page.headers['content-encoding']).toBe('br');
        expect(page.headers['cache-control']).toBe('no-cache');
        expect(brotliDecompressSync(page.rawPayload).toString()).toBe(html);
      }
    } finally {
      await t.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

// Only where a shared PostgreSQL exists (DATABASE_URL): replicas starting together.
describe.each(databaseKinds().filter((k) => k === 'postgres'))('migrations on %s', () => {
  it('several processes opening one database at once migrate it exactly once', async () => {
    const databaseUrl = process.env.DATABASE_URL!;
    const pgSchema = `test_race_${randomBytes(4).toString('hex')}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-race-'));
    const opened = await Promise.all([1, 2, 3].map(() => openDatabase({ dataDir, databaseUrl, pgSchema })));
    try {
      const applied = (await opened[0]!.db.execute(
        sql.raw(`select count(*)::int as n from "${pgSchema}"."__drizzle_migrations"`),
      )) as unknown as { rows: { n: number }[] };
      const files = readdirSync(join(repoRoot, 'apps/server/src/db/migrations')).filter((f) =>
        f.endsWith('.sql'),
      );
      expect(applied.rows[0]!.n).toBe(files.length);
    } finally {
      await opened[0]!.db.execute(sql.raw(`DROP SCHEMA "${pgSchema}" CASCADE`));
      await Promise.all(opened.map((o) => o.close()));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

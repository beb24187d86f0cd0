import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadConfig, repoRoot } from '../src/config.ts';
import { workers } from '../src/db/schema/index.ts';
import { startServer } from '../src/server.ts';
import { parseDemoLoginFile } from '../src/staff/demo-login.ts';

/**
 * Issue 9: the demo administrator was created on a fresh PostgreSQL too (a production database with a
 * known admin), and its password and TOTP secret went to stdout, which is a log stream wherever the
 * server runs as a service. Now it is made on the embedded database only (or with DEMO_LOGIN=1), and
 * the server's output names its file, never its secrets.
 */
const tempDir = () => mkdtempSync(join(tmpdir(), 'vangnet-demo-'));

describe('demo login at start', () => {
  it('is created on the embedded database, with its file owner-only', async () => {
    const dataDir = tempDir();
    const server = await startServer({ port: 0, dataDir, logLevel: 'silent', serveApps: false });
    try {
      expect(server.demoLogin?.email).toBe('demo@vangnet.example');
      expect(server.demoLoginFile).toBe(join(dataDir, 'demo-login.txt'));
      expect(statSync(server.demoLoginFile!).mode & 0o777).toBe(0o600);
      const [row] = await server.deps.db.select({ n: count() }).from(workers);
      expect(row?.n).toBe(1);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('DEMO_LOGIN=1 asks for it, DEMO_LOGIN=0 refuses it, anything else is a configuration error', () => {
    expect(loadConfig({ DEMO_LOGIN: '1' }).demoLogin).toBe(true);
    expect(loadConfig({ DEMO_LOGIN: '0' }).demoLogin).toBe(false);
    expect(loadConfig({}).demoLogin).toBeUndefined();
    expect(() => loadConfig({ DEMO_LOGIN: 'yes' })).toThrow(/DEMO_LOGIN/);
  });

  it.runIf(process.env.DATABASE_URL)('is not created on a fresh PostgreSQL unless asked for', async () => {
    for (const asked of [undefined, true]) {
      const dataDir = tempDir();
      const pgSchema = `test_${randomBytes(6).toString('hex')}`;
      const server = await startServer({
        port: 0,
        dataDir,
        databaseUrl: process.env.DATABASE_URL,
        pgSchema,
        logLevel: 'silent',
        serveApps: false,
        ...(asked ? { demoLogin: true } : {}),
      });
      try {
        const [row] = await server.deps.db.select({ n: count() }).from(workers);
        expect(row?.n, `demoLogin: ${asked}`).toBe(asked ? 1 : 0);
        expect(Boolean(server.demoLogin), `demoLogin: ${asked}`).toBe(Boolean(asked));
      } finally {
        await server.deps.db.execute(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE` as never);
        await server.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  });

  it('never writes the password or TOTP secret to the server process output', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, [join(repoRoot, 'apps/server/bin/vangnet-server.mjs')], {
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'trace', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => {
          if (output.includes('VANGNET_READY')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
      });
      const login = parseDemoLoginFile(readFileSync(join(dataDir, 'demo-login.txt'), 'utf8'));
      expect(login?.password).toBeTruthy();
      for (const secret of [login!.password, login!.totpSecret]) {
        expect(output.includes(secret), 'a demo secret in the output').toBe(false);
      }
      const ready = JSON.parse(/VANGNET_READY (.+)/.exec(output)![1]!);
      expect(ready.demoLoginFile).toBe(join(dataDir, 'demo-login.txt'));
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditChain } from '../src/audit/append-audit.ts';
import { repoRoot } from '../src/config.ts';
import { openDatabase } from '../src/db/open-database.ts';
import { knownHashes, knownHashLists } from '../src/db/schema/index.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './support/databases.ts';

const exec = promisify(execFile);

/** `vangnet hashes …` as an administrator runs it: a separate process writing the database. */
async function vangnet(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['apps/cli/bin/vangnet.mjs', 'hashes', ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

describe.each(databaseKinds())('vangnet hashes import on %s', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'vangnet-hashes-cli-'));
  let database: TestDatabase | undefined;
  let target: string[];

  /** Opens the database the CLI wrote (for PGlite only after the CLI has exited: one process at a time). */
  const inspect = async <T>(read: (db: TestDatabase['db']) => Promise<T>): Promise<T> => {
    if (database) return read(database.db);
    const opened = await openDatabase({ dataDir: join(dir, 'data') });
    try {
      return await read(opened.db);
    } finally {
      await opened.close();
    }
  };

  beforeAll(async () => {
    if (kind === 'postgres') {
      database = await openTestDatabase('postgres');
      target = ['--database-url', process.env.DATABASE_URL!, '--schema', database.pgSchema!];
    } else {
      target = ['--data-dir', join(dir, 'data')];
    }
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a list, refuses a bad one naming the line, and versions a re-import', async () => {
    const good = join(dir, 'good.csv');
    writeFileSync(good, `pdq,quality,md5\n${hex(32)},90,${hex(16)}\n,,${hex(16)}\n${hex(32)},,\n`);
    const first = await vangnet(['import', '--source', 'hotline', '--country', 'NL', good, ...target]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/imported 3 hashes as hotline version 1 for NL/);

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `pdq\n${hex(32)}\n${hex(31)}\n`);
    const refused = await vangnet(['import', '--source', 'hotline', '--country', 'NL', bad, ...target]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 3: pdq is not 64 hexadecimal digits');
    expect(refused.stderr).toContain('nothing was imported');

    const second = await vangnet(['import', '--source', 'hotline', '--country', 'NL', good, ...target]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/version 2 .*the previous version is no longer matched/);

    const listed = await vangnet(['list', '--country', 'NL', ...target]);
    expect(
      listed.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('\t').slice(0, 4)),
    ).toEqual([
      ['hotline', 'v2', '3', 'active'],
      ['hotline', 'v1', '3', 'replaced'],
    ]);

    const { lists, hashes, audit } = await inspect(async (db) => ({
      lists: await db.select().from(knownHashLists),
      hashes: await db.select().from(knownHashes),
      audit: await readAuditChain(db),
    }));
    expect(lists).toHaveLength(2);
    expect(hashes).toHaveLength(6);
    expect(audit.map((r) => [r.actor, r.action, r.detail.version])).toEqual([
      ['cli', 'known-hashes.import', 1],
      ['cli', 'known-hashes.import', 2],
    ]);
  }, 120_000);

  it('refuses bad usage with exit code 2', async () => {
    expect((await vangnet(['import', '--country', 'NL', 'x.csv', ...target])).code).toBe(2);
    expect((await vangnet(['import', '--source', 'a', '--country', 'nl', 'x.csv', ...target])).code).toBe(2);
    expect((await vangnet(['import', '--source', 'a', '--country', 'NL', ...target])).code).toBe(2);
    expect((await vangnet(['frobnicate'])).code).toBe(2);
    const missing = await vangnet([
      'import',
      '--source',
      'a',
      '--country',
      'NL',
      join(dir, 'nope.csv'),
      ...target,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  }, 60_000);
});

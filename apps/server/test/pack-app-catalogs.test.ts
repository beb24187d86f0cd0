import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActivePack } from '../src/active-pack.ts';
import { repoRoot } from '../src/config.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * Issue 19: a pack brings the apps' texts for a language the project does not carry, the console's as
 * well as the reporter app's, and the server serves each compiled at /api/v1/catalogs/:app/:lang.
 * The fictional Irish pack (XG) with a console catalog added: the English source with a few texts in
 * Irish, enough to see which file the answer came from.
 */
const source = JSON.parse(
  readFileSync(join(repoRoot, 'apps/console/src/i18n/catalogs/en.json'), 'utf8'),
) as Record<string, unknown> & { queue: Record<string, string> };
const irish = {
  ...source,
  appName: 'Consól Vangnet',
  queue: {
    ...source.queue,
    count:
      '{n, plural, one {# chás oscailte} two {# chás oscailte} other {# cás oscailte}}, {breached, number} thar an sprioc',
  },
};

const dirs: string[] = [];
function packWith(consoleCatalog: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'vangnet-pack-'));
  dirs.push(dir);
  cpSync(join(repoRoot, 'e2e/fixtures/packs/XG'), dir, { recursive: true });
  mkdirSync(join(dir, 'catalogs/console'), { recursive: true });
  writeFileSync(join(dir, 'catalogs/console/ga.json'), JSON.stringify(consoleCatalog));
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('app catalogs a pack brings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { pack: await loadActivePack(packWith(irish)) });
  });
  afterAll(async () => t?.close());

  it('serves the console catalog compiled, and the reporter app one as before', async () => {
    const consoleAnswer = await t.app.inject({ url: '/api/v1/catalogs/console/ga' });
    expect(consoleAnswer.statusCode).toBe(200);
    expect(consoleAnswer.json()).toMatchObject({
      appName: 'Consól Vangnet',
      queue: { count: { $a: ['n', 'breached'] } },
    });
    const report = await t.app.inject({ url: '/api/v1/catalogs/report/ga' });
    expect(report.statusCode).toBe(200);
  });

  it('lists the console languages the pack brings in /config, so the console offers them', async () => {
    const config = await t.app.inject({ url: '/api/v1/config' });
    expect(config.json()).toMatchObject({ languages: ['ga', 'en'], consoleCatalogs: ['ga'] });
  });

  it('answers problem+json for a language with no texts and for an app that has no catalogs', async () => {
    const none = await t.app.inject({ url: '/api/v1/catalogs/console/pl' });
    expect(none.statusCode).toBe(404);
    expect(none.headers['content-type']).toContain('application/problem+json');
    const app = await t.app.inject({ url: '/api/v1/catalogs/admin/ga' });
    expect(app.statusCode).toBe(400);
    expect(app.headers['content-type']).toContain('application/problem+json');
  });
});

it('a console catalog missing a key stops the pack, naming file and key', async () => {
  const { queue, ...rest } = irish;
  const { count: _dropped, ...queueWithoutCount } = queue;
  await expect(loadActivePack(packWith({ ...rest, queue: queueWithoutCount }))).rejects.toThrow(
    /catalogs\/console\/ga\.json: queue\.count: missing text/,
  );
});

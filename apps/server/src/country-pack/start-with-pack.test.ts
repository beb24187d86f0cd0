import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../server.ts';

const packsDir = join(import.meta.dirname, '../../../../country-packs');

type PublicPackBody = {
  meta: { code: string; defaultLanguage: string; ageOfDigitalConsent: number };
  services: { id: string; connector?: unknown }[];
  crisis: { phones: { number: string }[] }[];
  routes: { id: string }[];
  texts: Record<string, Record<string, string>>;
};

/** Starts the real server (embedded database, own data folder) with one pack and reads what the apps see. */
async function startWith(countryPackDir: string) {
  const dataDir = await mkdtemp(join(tmpdir(), 'vangnet-start-'));
  const server = await startServer({
    dataDir,
    countryPackDir,
    port: 0,
    serveApps: false,
    logLevel: 'silent',
  });
  try {
    const config = (await (await fetch(`${server.url}/api/v1/config`)).json()) as {
      country: string;
      packVersion: string;
      languages: string[];
    };
    const pack = (await (await fetch(`${server.url}/api/v1/pack`)).json()) as PublicPackBody;
    return { config, pack };
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

describe('one setting switches the country', () => {
  it('NL and BE-VL differ in languages, services, crisis numbers and routes, with no code change', async () => {
    const nl = await startWith('NL');
    const be = await startWith('BE-VL');
    expect(nl.config).toMatchObject({
      country: 'NL',
      languages: ['nl', 'en', 'fr', 'de', 'tr', 'ar', 'uk', 'pl'],
    });
    expect(be.config).toMatchObject({
      country: 'BE-VL',
      languages: ['nl', 'fr', 'en', 'de', 'tr', 'ar', 'uk', 'pl'],
    });
    expect(nl.pack.meta.ageOfDigitalConsent).toBe(16);
    expect(be.pack.meta.ageOfDigitalConsent).toBe(13);
    const ids = (p: PublicPackBody) => p.services.map((s) => s.id);
    expect(ids(nl.pack)).toContain('helpwanted');
    expect(ids(be.pack)).toContain('hulplijn-1712');
    expect(ids(be.pack)).not.toContain('helpwanted');
    const numbers = (p: PublicPackBody) => p.crisis.flatMap((c) => c.phones.map((n) => n.number));
    expect(numbers(nl.pack)).toContain('113');
    expect(numbers(be.pack)).toContain('1813');
    expect(numbers(be.pack)).not.toContain('113');
    expect(Object.keys(be.pack.texts)).toEqual(expect.arrayContaining(['nl', 'fr', 'en']));
    expect(nl.pack.routes.map((r) => r.id)).not.toEqual(be.pack.routes.map((r) => r.id));
    // What the apps read never carries connector settings.
    expect(JSON.stringify(nl.pack)).not.toContain('secretEnv');
    expect(nl.pack.services.every((s) => s.connector === undefined)).toBe(true);
  });
});

describe('a new country', () => {
  let dir: string;
  beforeAll(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'vangnet-xx-')), 'XX');
    await cp(join(packsDir, 'template'), dir, { recursive: true });
    const packYaml = join(dir, 'pack.yaml');
    const text = (await readFile(packYaml, 'utf8'))
      .replace('code: ZZ', 'code: XX')
      .replace(/^name: .*$/m, 'name: Exampleland')
      .replace('version: 0.1.0', 'version: 1.0.0');
    await writeFile(packYaml, text);
    // The administrator confirms the crisis line's hours; until then `pack check` refuses the template.
    for (const file of ['crisis.yaml', 'services.yaml', 'platforms.yaml']) {
      const path = join(dir, file);
      await writeFile(
        path,
        (await readFile(path, 'utf8'))
          .replace(/^ {4}unverified: true\n/m, '')
          .replace('hours: always, free: true, unverified: true', 'hours: always, free: true')
          // …and puts in the real numbers and addresses (pack check refuses the template's placeholders).
          .replaceAll('+10000000000', '+35312345678')
          .replaceAll('.example', '.exampleland.eu'),
      );
    }
  });
  afterAll(() => rm(join(dir, '..'), { recursive: true, force: true }));

  it('starts from a copy of the template with no code change', async () => {
    const xx = await startWith(dir);
    expect(xx.config).toMatchObject({ country: 'XX', packVersion: '1.0.0', languages: ['en'] });
    expect(xx.pack.services.map((s) => s.id)).toContain('national-helpline');
  });

  it('refuses to start with a broken pack, naming file and path', async () => {
    const broken = join(import.meta.dirname, '../../../cli/test/fixtures/packs/bad-phone');
    const dataDir = await mkdtemp(join(tmpdir(), 'vangnet-start-'));
    try {
      await expect(
        startServer({ dataDir, countryPackDir: broken, port: 0, serveApps: false, logLevel: 'silent' }),
      ).rejects.toThrow(/services\.yaml: services\[2\]\.phones\[0\]\.number/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

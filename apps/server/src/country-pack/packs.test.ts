import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AGE_BANDS,
  allRouteInputs,
  CATEGORY_CODES,
  type CountryPack,
  firstContactDeadline,
  leadTimeMs,
  type RouteInput,
  routeMap,
  routeReport,
  whoHelpsNext,
} from '@vangnet/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PARTNER_RECIPIENT } from '../referrals/demo-partner.ts';
import { inspectCountryPack, loadCountryPack, PackError, publicPack } from './load.ts';

const packsDir = join(import.meta.dirname, '../../../../country-packs');
const packs: Record<string, CountryPack> = {};
beforeAll(async () => {
  for (const code of ['NL', 'BE-VL']) packs[code] = await loadCountryPack(join(packsDir, code));
});
const pack = (code: string) => packs[code]!;

const noFlags = { ongoing: false, danger: false, selfHarm: false, imageAbuse: false };
const input = (i: Partial<RouteInput> & Pick<RouteInput, 'category'>): RouteInput => ({
  role: 'self',
  ageBand: '13-15',
  ...i,
  flags: { ...noFlags, ...i.flags },
});
const firstService = (code: string, i: RouteInput) => routeReport(pack(code), i)?.services[0]?.serviceId;

describe.each(['NL', 'BE-VL'])('%s: every answer combination has a route', (code) => {
  it.each(CATEGORY_CODES)(
    'category %s: every role × age band × flag set reaches known services',
    (category) => {
      let checked = 0;
      for (const i of allRouteInputs()) {
        if (i.category !== category) continue;
        const route = routeReport(pack(code), i);
        expect(route, JSON.stringify(i)).not.toBeNull();
        expect(route!.services.length).toBeGreaterThan(0);
        for (const s of route!.services) {
          expect(pack(code).services.some((x) => x.id === s.serviceId)).toBe(true);
          expect(leadTimeMs(s.firstContact)).toBeGreaterThanOrEqual(0);
          expect(leadTimeMs(s.handover)).toBeGreaterThanOrEqual(0);
        }
        expect(new Set(route!.services.map((s) => s.serviceId)).size).toBe(route!.services.length);
        expect(route!.services.map((s) => s.order)).toEqual(route!.services.map((_, n) => n + 1));
        // A crisis answer always puts a crisis line first.
        if (i.flags.selfHarm || i.flags.danger || i.category === 'self-harm') {
          expect(route!.crisisFirst).toBe(true);
          expect(route!.services[0]!.crisis).toBe(true);
        }
        checked++;
      }
      expect(checked).toBe(5 * AGE_BANDS.length * 16);
    },
  );
});

describe('hand-picked routes', () => {
  it('NL: a 14-year-old reporting sextortion goes to Helpwanted first, with police advice, and never "pay"', () => {
    const route = routeReport(pack('NL'), input({ category: 'sextortion', ageBand: '13-15' }))!;
    expect(route.services[0]).toMatchObject({ serviceId: 'helpwanted', order: 1, firstContact: 'PT4H' });
    expect(route.services.map((s) => s.serviceId)).toContain('politie');
    expect(route.advice).toEqual(expect.arrayContaining(['report-to-police', 'do-not-pay']));
    expect(route.crisisFirst).toBe(false);
  });

  it('NL: sextortion with danger puts 112 (police) first, then Helpwanted', () => {
    const route = routeReport(
      pack('NL'),
      input({ category: 'sextortion', flags: { ...noFlags, danger: true } }),
    )!;
    expect(route.services.map((s) => s.serviceId).slice(0, 2)).toEqual(['politie', 'helpwanted']);
    expect(route.crisisFirst).toBe(true);
  });

  it.each([
    ['NL', 'zelfmoordpreventie-113'],
    ['BE-VL', 'zelfmoordlijn-1813'],
  ])('%s: suicidal thoughts go to %s first, whatever the category and age', (code, crisis) => {
    for (const ageBand of AGE_BANDS) {
      expect(firstService(code, input({ category: 'self-harm', ageBand }))).toBe(crisis);
      expect(
        firstService(code, input({ category: 'harassment', ageBand, flags: { ...noFlags, selfHarm: true } })),
      ).toBe(crisis);
    }
  });

  it('BE-VL: violence at home (threats to oneself, ongoing) goes to 1712 first', () => {
    const route = routeReport(
      pack('BE-VL'),
      input({ category: 'threats', flags: { ...noFlags, ongoing: true } }),
    )!;
    expect(route.services[0]?.serviceId).toBe('hulplijn-1712');
    expect(route.services.map((s) => s.serviceId)).toContain('politie');
    expect(route.advice).toContain('report-to-police');
  });

  it('BE-VL: violence at home in danger calls the police (101/112) first, then 1712, which is not for emergencies', () => {
    const route = routeReport(
      pack('BE-VL'),
      input({ category: 'threats', flags: { ...noFlags, danger: true } }),
    )!;
    expect(route.services.map((s) => s.serviceId).slice(0, 2)).toEqual(['politie', 'hulplijn-1712']);
  });

  it('NL: nude images of a 12-year-old go to Helpwanted and Meldpunt Kinderporno', () => {
    const route = routeReport(pack('NL'), input({ category: 'image-abuse', ageBand: '10-12' }))!;
    expect(route.services.map((s) => s.serviceId).slice(0, 2)).toEqual([
      'helpwanted',
      'meldpunt-kinderporno',
    ]);
    expect(route.advice).toContain('do-not-share-images');
  });

  it('BE-VL: nude images of a minor go to 1712 and Child Focus', () => {
    const route = routeReport(pack('BE-VL'), input({ category: 'image-abuse', ageBand: '16-17' }))!;
    expect(route.services.map((s) => s.serviceId).slice(0, 2)).toEqual(['hulplijn-1712', 'child-focus']);
  });

  it('NL: classmates bullying a 13-year-old reach Helpwanted, the school and De Kindertelefoon', () => {
    const route = routeReport(pack('NL'), input({ category: 'harassment' }))!;
    expect(route.services.map((s) => s.serviceId)).toEqual(['helpwanted', 'school', 'kindertelefoon']);
  });
});

describe('the packs as data', () => {
  it('NL and BE-VL carry their own ages of digital consent, languages and crisis numbers', () => {
    expect(pack('NL').meta.ageOfDigitalConsent).toBe(16);
    expect(pack('BE-VL').meta.ageOfDigitalConsent).toBe(13);
    expect(
      pack('NL')
        .meta.languages.filter((l) => l.complete)
        .map((l) => l.code),
    ).toEqual(['nl', 'en', 'fr', 'de', 'tr', 'ar', 'uk', 'pl']);
    // Every language a pack declares is complete: no screen mixes languages (issue 13).
    for (const code of ['NL', 'BE-VL']) {
      expect(pack(code).meta.languages.filter((l) => !l.complete)).toEqual([]);
    }
    expect(pack('BE-VL').meta.languages.map((l) => l.code)).toEqual([
      'nl',
      'fr',
      'en',
      'de',
      'tr',
      'ar',
      'uk',
      'pl',
    ]);
    const numbers = (code: string) => pack(code).crisis.flatMap((c) => c.phones.map((p) => p.number));
    expect(numbers('NL')).toEqual(expect.arrayContaining(['112', '113', '+318000113']));
    expect(numbers('BE-VL')).toEqual(expect.arrayContaining(['101', '112', '1813', '102']));
  });

  it('an urgent NL report must be contacted within an hour, others within 24 hours', () => {
    const at = new Date('2026-11-24T10:00:00Z');
    const meta = { category: 'harassment' as const, flags: noFlags };
    expect(firstContactDeadline(pack('NL'), meta, at).toISOString()).toBe('2026-11-25T10:00:00.000Z');
    const urgent = { ...meta, flags: { ...noFlags, danger: true } };
    expect(firstContactDeadline(pack('NL'), urgent, at).toISOString()).toBe('2026-11-24T11:00:00.000Z');
  });

  it('is frozen, so no request can change it for the next one', () => {
    expect(Object.isFrozen(pack('NL'))).toBe(true);
    expect(() => {
      (pack('NL').services as unknown as unknown[]).push({});
    }).toThrow();
  });

  it('publicPack drops connector settings and staff rules', () => {
    const pub = JSON.stringify(publicPack(pack('NL')));
    expect(pub).not.toContain('connector');
    expect(pub).not.toContain('secretEnv');
    expect(pub).not.toContain('example.invalid');
    expect(pub).not.toContain('statusWorkflow');
    expect(pub).toContain('Helpwanted');
  });
});

describe('route map "Melden & Helpen" from the public pack', () => {
  it('gives young people, parents and schools their own view, in their language', () => {
    const pub = publicPack(pack('NL'));
    const young = routeMap(pub, 'young', 'en');
    expect(young.title).toBe('Report & Get help');
    expect(young.entries.map((e) => e.serviceId)).toContain('kindertelefoon');
    expect(routeMap(pub, 'parent', 'en').entries.map((e) => e.serviceId)).not.toContain('kindertelefoon');
    const helpwanted = young.entries.find((e) => e.serviceId === 'helpwanted')!;
    expect(helpwanted.contacts[0]).toMatchObject({
      kind: 'phone',
      number: '+31202615275',
      display: '020-261 52 75',
    });
    expect(helpwanted.description).toMatch(/^Helpwanted helps/);
    expect(helpwanted.firstContact).toBe('PT24H');
    expect(helpwanted.unverified).toBe(true);
    // A language the pack does not have falls back to the default one, string by string.
    expect(routeMap(pub, 'young', 'sv').intro).toBe(routeMap(pub, 'young', 'nl').intro);
    expect(routeMap(pub, 'young', 'de').intro).not.toBe(routeMap(pub, 'young', 'nl').intro);
    const flemish = routeMap(publicPack(pack('BE-VL')), 'school', 'fr');
    expect(flemish.title).toBe('Signaler et être aidé, pour les écoles');
  });

  it('tells a reporter after sending who helps and by when', () => {
    const receivedAt = new Date('2026-11-24T16:00:00Z');
    const next = whoHelpsNext(publicPack(pack('NL')), input({ category: 'sextortion' }), receivedAt)!;
    // Sextortion of a minor: Helpwanted (running this instance) within 4 hours, sooner than the usual 24.
    expect(next.helplineBy.toISOString()).toBe('2026-11-24T20:00:00.000Z');
    expect(next.services[0]).toEqual({
      serviceId: 'helpwanted',
      name: 'Helpwanted',
      by: new Date('2026-11-24T20:00:00.000Z'),
      crisis: false,
    });
    // The police after a hand-over (1 day) and their own first contact (3 days).
    expect(next.services[1]).toMatchObject({
      serviceId: 'politie',
      by: new Date('2026-11-28T16:00:00.000Z'),
    });
    const crisis = whoHelpsNext(publicPack(pack('BE-VL')), input({ category: 'self-harm' }), receivedAt)!;
    expect(crisis.crisisFirst).toBe(true);
    expect(crisis.helplineBy.toISOString()).toBe('2026-11-24T17:00:00.000Z');
    expect(crisis.services[0]).toMatchObject({ name: 'Zelfmoordlijn 1813', crisis: true });
  });
});

describe('loadCountryPack', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'vangnet-pack-'));
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  it('accepts a pack for a new country built from the template without code changes', async () => {
    const dir = join(tmp, 'XX');
    await cp(join(packsDir, 'template'), dir, { recursive: true });
    const edit = async (file: string, edits: [string | RegExp, string][]) => {
      let text = await readFile(join(dir, file), 'utf8');
      for (const [from, to] of edits) {
        const before = text;
        text = text.replace(from, to);
        expect(text, `${file}: ${from}`).not.toBe(before);
      }
      await writeFile(join(dir, file), text);
    };
    await edit('pack.yaml', [
      ['code: ZZ', 'code: XX'],
      [/^name: .*$/m, 'name: Exampleland'],
      [
        '  - { code: en, complete: true }',
        '  - { code: en, complete: true }\n  - { code: eo, complete: false }',
      ],
      ['ageOfDigitalConsent: 16', 'ageOfDigitalConsent: 14'],
      ["primary: '#1d4ed8'", "primary: '#7c2d12'"],
    ]);
    await edit('services.yaml', [
      ['name: National helpline # REPLACE', 'name: Exampleland Kids Line'],
      [
        "number: '+10000000000', display: '000 000', hours: always, free: true, unverified: true",
        "number: '+999123456789', display: '123 456 789', hours: always, free: true",
      ],
    ]);
    await edit('crisis.yaml', [
      ["number: '+10000000000', display: '000 000'", "number: '+999123456789', display: '123 456 789'"],
      // Confirmed hours: `pack check` refuses a crisis line whose hours are still a placeholder.
      [/^ {4}unverified: true\n/m, "    source: 'exampleland.example, 2026'\n"],
    ]);
    await edit('texts/en.yaml', [['The helpline listens', 'Exampleland Kids Line listens']]);
    // Real addresses instead of the template's reserved .example ones (pack check refuses those).
    for (const file of ['services.yaml', 'crisis.yaml', 'platforms.yaml']) {
      const text = await readFile(join(dir, file), 'utf8');
      await writeFile(join(dir, file), text.replaceAll('.example', '.exampleland.eu'));
    }
    const loaded = await loadCountryPack(dir);
    expect(loaded.meta.code).toBe('XX');
    expect(loaded.meta.ageOfDigitalConsent).toBe(14);
    expect(loaded.services[0]?.name).toBe('Exampleland Kids Line');
    expect(routeReport(loaded, input({ category: 'self-harm' }))?.services[0]?.serviceId).toBe('crisis-line');
  });

  it('refuses a broken pack with a PackError naming file and path', async () => {
    const dir = join(import.meta.dirname, '../../../cli/test/fixtures/packs/unknown-service');
    const error = await loadCountryPack(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).problems).toEqual([
      expect.objectContaining({
        file: 'routes.yaml',
        path: 'rules[2].services[1].service',
        severity: 'error',
      }),
    ]);
    expect((error as PackError).message).toContain(
      'routes.yaml: rules[2].services[1].service: unknown service',
    );
  });

  it('reads federation.yaml and refuses a peer over plain http or with a malformed key', async () => {
    const dir = join(tmp, 'NL-peers');
    await cp(join(packsDir, 'NL'), dir, { recursive: true });
    const peer = (id: string, country: string, url: string, publicKey: string) =>
      [
        `  - id: ${id}`,
        `    country: ${country}`,
        '    helplineName: Hulplijn 1712',
        `    url: ${url}`,
        `    publicKey: '${publicKey}'`,
        `    recipient: ${DEMO_PARTNER_RECIPIENT}`,
        '    leadTimes: { firstContact: PT24H, handover: PT4H }',
      ].join('\n');
    await writeFile(
      join(dir, 'federation.yaml'),
      `peers:\n${peer('be-vl', 'BE-VL', 'https://vangnet.example.be', 'ab'.repeat(32))}\n`,
    );
    expect((await loadCountryPack(dir)).federation?.[0]).toMatchObject({ country: 'BE-VL' });
    const refused = async (peers: string) => {
      await writeFile(join(dir, 'federation.yaml'), `peers:\n${peers}\n`);
      const error = await loadCountryPack(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PackError);
      return (error as PackError).message;
    };
    expect(await refused(peer('be-vl', 'BE-VL', 'http://vangnet.example.be', 'ab'.repeat(32)))).toMatch(
      /federation\.yaml: peers\.0\.url: a peer is reached over https/,
    );
    expect(await refused(peer('ie', 'IE', 'https://vangnet.example.ie', 'not-a-key'))).toMatch(
      /federation\.yaml: .*publicKey.*Ed25519/,
    );
  });

  it('reads page front-matter, and names the file and field of a missing or wrong one with the shape', async () => {
    const page = pack('NL').pages.nl?.['what-can-i-do'];
    expect(page).toMatchObject({ title: 'Wat kan ik doen?', audiences: ['young'], kind: 'guide' });
    expect(page?.markdown.startsWith('# Wat kan ik doen?')).toBe(true);
    const dir = join(tmp, 'NL-pages');
    await cp(join(packsDir, 'NL'), dir, { recursive: true });
    const file = (slug: string) => join(dir, 'pages/nl', `${slug}.md`);
    const body = '# Titel\n\nTekst.\n';
    await writeFile(file('what-can-i-do'), body);
    await writeFile(file('for-parents'), `---\naudiences: [parents]\nkind: guide\nsummary: x\n---\n${body}`);
    await writeFile(file('for-schools'), `---\naudiences: [school]\nsummary: x\nextra: 1\n---\n${body}`);
    const error = await loadCountryPack(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackError);
    const problems = (error as PackError).problems.filter((p) => p.file.startsWith('pages/nl/'));
    expect(problems.map((p) => `${p.file}: ${p.path}`)).toEqual([
      'pages/nl/for-parents.md: audiences[0]',
      'pages/nl/for-schools.md: kind',
      'pages/nl/for-schools.md: front-matter',
      'pages/nl/what-can-i-do.md: line 1',
    ]);
    for (const p of problems) expect(p.message).toContain('kind: guide');
    expect(problems[0]?.message).toContain('young');
    expect(problems[2]?.message).toContain('extra');
  });

  it('reads a texts file marked unreviewed: the mark is no text, its share is counted, a bad mark is refused', async () => {
    const dir = join(tmp, 'NL-unreviewed');
    await cp(join(packsDir, 'NL'), dir, { recursive: true });
    const english = await readFile(join(dir, 'texts/en.yaml'), 'utf8');
    // A Turkish file (copied from English, for the test) whose `services` group awaits review.
    await writeFile(join(dir, 'texts/tr.yaml'), `unreviewed: [services, nothing.here]\n${english}`);
    const { pack, problems, review } = await inspectCountryPack(dir);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(pack?.texts.tr?.unreviewed).toBeUndefined();
    expect(Object.keys(pack?.texts.tr ?? {})).toEqual(Object.keys(pack?.texts.en ?? {}));
    const tr = review?.find((r) => r.code === 'tr');
    const services = Object.keys(pack?.texts.tr ?? {}).filter((k) => k.startsWith('services.')).length;
    expect(services).toBeGreaterThan(0);
    expect(tr?.texts).toEqual({
      total: Object.keys(pack?.texts.en ?? {}).length,
      unreviewed: services,
      unknown: ['nothing.here'],
    });
    expect(tr?.app?.unreviewed).toBe(tr?.app?.total);
    expect(review?.find((r) => r.code === 'nl')?.app?.unreviewed).toBe(0);
    expect(problems).toContainEqual({
      severity: 'warning',
      file: 'texts/tr.yaml',
      path: 'unreviewed',
      message: '"nothing.here" names no text of this file',
    });
    await writeFile(join(dir, 'texts/tr.yaml'), `unreviewed: maybe\n${english}`);
    const error = await loadCountryPack(dir).catch((e: unknown) => e);
    expect((error as PackError).message).toContain(
      'texts/tr.yaml: unreviewed: expected true, false or a list',
    );
  });

  it('refuses a folder without pack files', async () => {
    const error = await loadCountryPack(tmp).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).problems.map((p) => p.file)).toEqual(
      expect.arrayContaining(['pack.yaml', 'services.yaml', 'routes.yaml']),
    );
  });
});
